package org.ssobroker.upstream;

import org.ssobroker.mapping.Claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A login's claims and where each came from ({@code id_token}, {@code userinfo}, {@code graph}, or
 * a SAML {@code assertion}),
 * and the claims the IdP pointed to that could not be read this time, with the reason.
 */
public record SourcedClaims(Map<String, Object> values, Map<String, String> sources, Map<String, String> unavailable) {

    public static final String ID_TOKEN = "id_token";
    public static final String USERINFO = "userinfo";
    public static final String GRAPH = "graph";
    public static final String ASSERTION = "assertion";

    /** The id_token's claims win; userinfo adds what the id_token lacks. */
    static SourcedClaims of(Map<String, Object> idToken, Map<String, Object> userInfo) {
        Map<String, Object> values = new LinkedHashMap<>(userInfo);
        values.putAll(idToken);
        Map<String, String> sources = new LinkedHashMap<>();
        userInfo.keySet().forEach(name -> sources.put(name, USERINFO));
        idToken.keySet().forEach(name -> sources.put(name, ID_TOKEN));
        return new SourcedClaims(Collections.unmodifiableMap(values), Collections.unmodifiableMap(sources), Map.of());
    }

    /** Claims that all come from one source (a SAML assertion). */
    static SourcedClaims of(Map<String, Object> claims, String source) {
        Map<String, String> sources = new LinkedHashMap<>();
        claims.keySet().forEach(name -> sources.put(name, source));
        return new SourcedClaims(Collections.unmodifiableMap(new LinkedHashMap<>(claims)),
                Collections.unmodifiableMap(sources), Map.of());
    }

    /** These claims with one more, read from {@code source}. */
    SourcedClaims with(String name, Object value, String source) {
        Map<String, Object> newValues = new LinkedHashMap<>(values);
        newValues.put(name, value);
        Map<String, String> newSources = new LinkedHashMap<>(sources);
        newSources.put(name, source);
        return new SourcedClaims(Collections.unmodifiableMap(newValues), Collections.unmodifiableMap(newSources),
                unavailable);
    }

    /** These claims, with {@code name} known to exist but unreadable this time. */
    SourcedClaims withUnavailable(String name, String reason) {
        Map<String, String> newUnavailable = new LinkedHashMap<>(unavailable);
        newUnavailable.put(name, reason);
        return new SourcedClaims(values, sources, Collections.unmodifiableMap(newUnavailable));
    }

    public Claims claims() {
        return new Claims(values, unavailable.keySet());
    }
}
