package org.ssobroker.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** Copies an IdP claim (possibly namespaced, e.g. {@code custom:aws_id}) into a user field. */
@RegisterForReflection // stored in a JSON column
public record AttributeMapping(String claim, String field) {
}
