package org.ssobroker.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of an IdP (id_token merged with userinfo) as JSON-like values: strings, numbers,
 * booleans, lists and maps. Names are looked up as given first (namespaced claims such as
 * {@code custom:aws_id} or {@code cognito:groups} are plain keys), then as a dotted path into
 * nested objects ({@code address.locality}).
 */
public final class Claims {

    private final Map<String, Object> values;
    private final Set<String> unavailable;

    public Claims(Map<String, Object> values) {
        this(values, Set.of());
    }

    /**
     * @param unavailable claims the IdP pointed to but that could not be read (Entra ID's groups
     *                    when Microsoft Graph fails): not "empty", unknown
     */
    public Claims(Map<String, Object> values, Set<String> unavailable) {
        this.values = values == null ? Map.of() : values;
        this.unavailable = Set.copyOf(unavailable);
    }

    /** Whether the claim exists but could not be read this time, so nothing may be concluded from its absence. */
    public boolean unavailable(String name) {
        return name != null && unavailable.contains(name);
    }

    public Optional<Object> raw(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        if (values.containsKey(name)) {
            return Optional.ofNullable(values.get(name));
        }
        Object current = values;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    /** A single text value: strings, numbers and booleans; lists are joined with ", "; blank is absent. */
    public Optional<String> text(String name) {
        return raw(name).flatMap(Claims::asText).filter(s -> !s.isBlank());
    }

    /**
     * Every value of a multi-valued claim: a JSON array, or a comma-separated string
     * ("OPS, QA"), or a single scalar. Objects inside are skipped.
     */
    public List<String> values(String name) {
        List<String> result = new ArrayList<>();
        raw(name).ifPresent(value -> collect(value, result));
        return result;
    }

    /** True when the claim is present but holds an object, which no mapping can read. */
    public boolean isObject(String name) {
        return raw(name).map(v -> v instanceof Map<?, ?>).orElse(false);
    }

    private static void collect(Object value, List<String> into) {
        if (value instanceof Collection<?> list) {
            list.forEach(item -> {
                if (!(item instanceof Collection<?>)) {
                    collect(item, into);
                }
            });
        } else if (value instanceof String text) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    into.add(part.trim());
                }
            }
        } else if (value instanceof Number || value instanceof Boolean) {
            into.add(value.toString());
        }
    }

    private static Optional<String> asText(Object value) {
        if (value instanceof String text) {
            return Optional.of(text.trim());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        if (value instanceof Collection<?> list) {
            List<String> parts = new ArrayList<>();
            collect(list, parts);
            return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
        }
        return Optional.empty();
    }
}
