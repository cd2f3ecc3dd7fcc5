package org.ssobroker.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One row of a mapping table: an external value and the local values it maps to. */
@RegisterForReflection // stored in a JSON column
public record MappingRule(String key, List<String> values) {
}
