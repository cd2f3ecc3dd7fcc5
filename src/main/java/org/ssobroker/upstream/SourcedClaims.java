package org.ssobroker.upstream;

import org.ssobroker.mapping.Claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A login's claims and where each came from ({@code id_token} or {@code userinfo}). */
public record SourcedClaims(Map<String, Object> values, Map<String, String> sources) {

    public static final String ID_TOKEN = "id_token";
    public static final String USERINFO = "userinfo";

    /** The id_token's claims win; userinfo adds what the id_token lacks. */
    static SourcedClaims of(Map<String, Object> idToken, Map<String, Object> userInfo) {
        Map<String, Object> values = new LinkedHashMap<>(userInfo);
        values.putAll(idToken);
        Map<String, String> sources = new LinkedHashMap<>();
        userInfo.keySet().forEach(name -> sources.put(name, USERINFO));
        idToken.keySet().forEach(name -> sources.put(name, ID_TOKEN));
        return new SourcedClaims(Collections.unmodifiableMap(values), Collections.unmodifiableMap(sources));
    }

    public Claims claims() {
        return new Claims(values);
    }
}
