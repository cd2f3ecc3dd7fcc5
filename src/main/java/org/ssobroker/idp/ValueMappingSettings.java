package org.ssobroker.idp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.ssobroker.mapping.ClaimValueMapping;
import org.ssobroker.mapping.MappingRule;

import java.util.List;

/**
 * Access-right or group mapping: the claim carrying the external value, the XML mapping
 * document, and the two element names that hold the external key and the local value.
 * {@code nodes} (the element names found) and {@code table} (the parsed rules) are read-only.
 */
@JsonIgnoreProperties(value = {"nodes", "table"}, allowGetters = true)
@RegisterForReflection // also stored in wizard drafts (JSON column)
public record ValueMappingSettings(
        String claim,
        String document,
        String keyNode,
        String valueNode,
        List<String> nodes,
        List<MappingRule> table) {

    /** The admin's view of a stored mapping, with its nodes and table. */
    public static ValueMappingSettings of(ClaimValueMapping mapping) {
        return mapping == null ? null : new ValueMappingSettings(mapping.claim(), mapping.document(),
                mapping.keyNode(), mapping.valueNode(), mapping.nodes(), mapping.rules());
    }
}
