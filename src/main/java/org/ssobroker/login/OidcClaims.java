package org.ssobroker.login;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.UserInfo;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claims quarkus-oidc verified at the callback, as plain JSON values: the id_token's
 * payload (signature, issuer, audience, expiry and nonce already checked), and userinfo.
 */
final class OidcClaims {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private OidcClaims() {
    }

    static Map<String, Object> idToken(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null) {
            return Map.of();
        }
        String[] parts = jwt.getRawToken().split("\\.");
        return parts.length < 2 ? Map.of() : parse(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8));
    }

    /** The id_token's JOSE header (alg, typ, kid). */
    static Map<String, Object> idTokenHeader(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null) {
            return Map.of();
        }
        String[] parts = jwt.getRawToken().split("\\.");
        return parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    }

    static Map<String, Object> userInfo(SecurityIdentity identity) {
        Object userInfo = identity.getAttribute("userinfo");
        return userInfo instanceof UserInfo info ? parse(info.getJsonObject().toString()) : Map.of();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The verified token is not JSON", e);
        }
    }
}
