package org.ssobroker.token;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a code is bound to besides its redirect URI: the client that asked (null: any client of
 * the site holding the redirect URI, the pre-OpenID flow), whether it is an OpenID Connect
 * request, its scope, the app's {@code state} (echoed), {@code nonce} (into the id_token) and
 * PKCE S256 challenge.
 */
public record CodeRequest(String clientId, boolean openId, String scope, String state, String nonce,
        String codeChallenge) {

    /** One line without '|' for a sealed cookie or parameter. */
    public String encode() {
        return String.join(".", part(clientId), openId ? "1" : "0", part(scope), part(state), part(nonce),
                part(codeChallenge));
    }

    public static Optional<CodeRequest> decode(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\.", -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        return Optional.of(new CodeRequest(value(parts[0]), "1".equals(parts[1]), value(parts[2]), value(parts[3]),
                value(parts[4]), value(parts[5])));
    }

    // "-" is null, "v…" a value (URL-encoded: no '.', '|' or '-' at the start can be confused).
    private static String part(String value) {
        return value == null ? "-" : "v" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace(".", "%2E");
    }

    private static String value(String part) {
        return part.startsWith("v") ? URLDecoder.decode(part.substring(1), StandardCharsets.UTF_8) : null;
    }
}
