package org.ssobroker.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A stored access-right or group mapping: the claim to read and the rules parsed from the
 * admin's XML document once, at save time, so no login ever parses XML. The document and
 * its node names are kept for the admin's round trip.
 */
@RegisterForReflection // stored in a JSON column
public record ClaimValueMapping(
        String claim,
        String document,
        String keyNode,
        String valueNode,
        List<String> nodes,
        List<MappingRule> rules) {
}
