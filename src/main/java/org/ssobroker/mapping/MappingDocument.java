package org.ssobroker.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed mapping document: its records (elements whose children are all text elements)
 * and the text element names found, from which the admin picks the key and value nodes.
 * The document's shape is the admin's choice; only the two node names matter.
 */
public record MappingDocument(List<Map<String, String>> records, Set<String> nodes) {

    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

    /**
     * The mapping table for the chosen nodes. With {@code splitValues} a value naming several
     * targets separated by commas ("Argentina, Chile") maps to each of them.
     */
    public List<MappingRule> rules(String keyNode, String valueNode, boolean splitValues) {
        List<MappingRule> rules = new ArrayList<>();
        for (Map<String, String> record : records) {
            String key = record.get(keyNode);
            String value = record.get(valueNode);
            if (key == null || value == null || key.isBlank() || value.isBlank()) {
                continue;
            }
            List<String> values = splitValues
                    ? List.of(COMMA.split(value.trim()))
                    : List.of(value.trim());
            rules.add(new MappingRule(key.trim(), values.stream().filter(v -> !v.isEmpty()).toList()));
        }
        return rules;
    }

    static MappingDocument of(List<LinkedHashMap<String, String>> records, Set<String> nodes) {
        // keep document order: the admin picks the nodes from this list
        return new MappingDocument(List.copyOf(records), Collections.unmodifiableSet(new LinkedHashSet<>(nodes)));
    }
}
