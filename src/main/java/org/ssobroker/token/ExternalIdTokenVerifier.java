package org.ssobroker.token;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.http.SimpleGet;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies id_tokens of one IdP, built once per IdP version: the JWKS is fetched lazily, cached,
 * and refetched on an unknown kid at most once per {@code minRefresh}. Cheap checks run before
 * any crypto; every refusal names its reason.
 */
final class ExternalIdTokenVerifier {

    /** Asymmetric algorithms only: {@code none} and HMAC (RS/HS confusion) never verify. */
    static final Set<String> ALGORITHMS = Set.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final String issuer;
    private final String clientId;
    private final long skewSeconds;
    private final int maxChars;
    private final JwtConsumer signature;
    private final HttpsJwks jwks;

    /** @param jwksGet downloads the JWKS (under the outbound policy: no redirects, a deadline, a cap) */
    ExternalIdTokenVerifier(String issuer, String jwksUri, String clientId, Duration skew, Duration minRefresh,
            int maxChars, SimpleGet jwksGet) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.skewSeconds = skew.toSeconds();
        this.maxChars = maxChars;
        this.jwks = new HttpsJwks(jwksUri);
        jwks.setRefreshReprieveThreshold(minRefresh.toMillis());
        jwks.setRetainCacheOnErrorDuration(Duration.ofMinutes(10).toSeconds());
        jwks.setSimpleHttpGet(jwksGet);
        this.signature = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        ALGORITHMS.toArray(String[]::new))
                .setSkipAllDefaultValidators()
                .build();
    }

    /** The verified claims. @throws InvalidIdTokenException with the reason */
    Map<String, Object> verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidIdTokenException("the id_token is missing");
        }
        if (token.length() > maxChars) {
            throw new InvalidIdTokenException("the id_token is larger than " + maxChars + " characters");
        }
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw new InvalidIdTokenException("the id_token is not a signed JWT (header.payload.signature)");
        }
        String[] parts = token.split("\\.");
        Map<String, Object> header = json(parts[0], "header");
        Object alg = header.get("alg");
        if (!(alg instanceof String algorithm) || !ALGORITHMS.contains(algorithm)) {
            throw new InvalidIdTokenException("the signing algorithm " + alg + " is not accepted (use an RSA or EC "
                    + "signature)");
        }
        Map<String, Object> claims = json(parts[1], "payload");
        checkSignature(token, header.get("kid"));
        checkClaims(claims);
        return claims;
    }

    private void checkSignature(String token, Object kid) {
        try {
            signature.process(token);
        } catch (InvalidJwtException e) {
            if (hasCause(e, UnresolvableKeyException.class)) {
                throw new InvalidIdTokenException("no key " + (kid == null ? "" : "with kid '" + kid + "' ")
                        + "of the IdP's JWKS matches the id_token");
            }
            throw new InvalidIdTokenException("the id_token's signature is invalid");
        }
    }

    private void checkClaims(Map<String, Object> claims) {
        if ("access".equals(claims.get("token_use"))) {
            throw new InvalidIdTokenException("this is an access token (token_use=access), not an id_token");
        }
        if (!issuer.equals(claims.get("iss"))) {
            throw new InvalidIdTokenException("iss '" + claims.get("iss") + "' is not the IdP's issuer '" + issuer
                    + "'");
        }
        List<String> audiences = audiences(claims.get("aud"));
        if (!audiences.contains(clientId)) {
            throw new InvalidIdTokenException("aud " + audiences + " does not contain the IdP's client id '"
                    + clientId + "'");
        }
        if (audiences.size() > 1 && !clientId.equals(claims.get("azp"))) {
            throw new InvalidIdTokenException("azp '" + claims.get("azp") + "' is not the IdP's client id '" + clientId
                    + "' (required when there are several audiences)");
        }
        long now = Instant.now().getEpochSecond();
        Long exp = seconds(claims, "exp");
        if (exp == null) {
            throw new InvalidIdTokenException("the id_token has no exp");
        }
        if (now - skewSeconds >= exp) {
            throw new InvalidIdTokenException("the id_token expired at " + Instant.ofEpochSecond(exp));
        }
        Long nbf = seconds(claims, "nbf");
        if (nbf != null && now + skewSeconds < nbf) {
            throw new InvalidIdTokenException("the id_token is not valid before " + Instant.ofEpochSecond(nbf));
        }
        Long iat = seconds(claims, "iat");
        if (iat != null && now + skewSeconds < iat) {
            throw new InvalidIdTokenException("the id_token was issued in the future (" + Instant.ofEpochSecond(iat)
                    + ")");
        }
    }

    private static Long seconds(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new InvalidIdTokenException(name + " is not a number");
        }
        return number.longValue();
    }

    private static List<String> audiences(Object aud) {
        if (aud instanceof String single) {
            return List.of(single);
        }
        if (aud instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static Map<String, Object> json(String part, String what) {
        try {
            Map<String, Object> map = JSON.readValue(Base64.getUrlDecoder().decode(part), MAP);
            if (map == null) {
                throw new InvalidIdTokenException("the id_token's " + what + " is not a JSON object");
            }
            return map;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidIdTokenException("the id_token's " + what + " is not base64url JSON");
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
