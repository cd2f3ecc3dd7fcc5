package org.ssobroker.upstream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.http.SimpleGet;
import org.ssobroker.idp.IdTokenPolicy;
import org.ssobroker.idp.InvalidIdTokenException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verifies id_tokens of one IdP, built once per IdP version: the JWKS is fetched lazily, cached,
 * and refetched on an unknown kid at most once per {@code minRefresh} ({@link JwksReprieve}).
 * Cheap checks run before any crypto; the claims follow the one {@link IdTokenPolicy} of both
 * paths; every refusal names its reason.
 */
final class ExternalIdTokenVerifier {

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final String issuer;
    private final String clientId;
    private final String userInfoUrl;
    private final String tokenUrl;
    private final IdTokenPolicy policy;
    private final int maxChars;
    private final JwtConsumer signature;
    private final HttpsJwks jwks;

    /** @param jwksGet downloads the JWKS (under the outbound policy: no redirects, a deadline, a cap) */
    ExternalIdTokenVerifier(String issuer, String jwksUri, String userInfoUrl, String tokenUrl, String clientId,
            IdTokenPolicy policy, Duration minRefresh, Clock clock, int maxChars, SimpleGet jwksGet) {
        this.issuer = issuer;
        this.userInfoUrl = userInfoUrl;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.policy = policy;
        this.maxChars = maxChars;
        this.jwks = new HttpsJwks(jwksUri);
        jwks.setRefreshReprieveThreshold(0);
        jwks.setRetainCacheOnErrorDuration(Duration.ofMinutes(10).toSeconds());
        jwks.setSimpleHttpGet(new JwksReprieve(jwksGet, minRefresh, clock));
        this.signature = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        IdTokenPolicy.ALGORITHMS.toArray(String[]::new))
                .setSkipAllDefaultValidators()
                .build();
    }

    /** The IdP's userinfo endpoint (configured or discovered), or null. */
    String userInfoUrl() {
        return userInfoUrl;
    }

    /** The IdP's token endpoint (configured or discovered), or null. */
    String tokenUrl() {
        return tokenUrl;
    }

    /**
     * The claims of a signed userinfo answer ({@code application/jwt}): signed by a key of the IdP's
     * JWKS; {@code iss} and {@code aud}, when present, the IdP's and ours (OpenID Connect Core 5.3.2).
     */
    Map<String, Object> verifyUserInfo(String jwt) {
        if (jwt == null || jwt.length() > maxChars || !COMPACT_JWS.matcher(jwt.trim()).matches()) {
            throw new InvalidIdTokenException("the signed userinfo answer is not a signed JWT");
        }
        String token = jwt.trim();
        String[] parts = token.split("\\.");
        Map<String, Object> header = json(parts[0], "header");
        if (!(header.get("alg") instanceof String algorithm) || !IdTokenPolicy.ALGORITHMS.contains(algorithm)) {
            throw new InvalidIdTokenException("the signed userinfo answer uses the algorithm " + header.get("alg"));
        }
        Map<String, Object> claims = json(parts[1], "payload");
        checkSignature(token, header.get("kid"));
        if (claims.containsKey("iss") && !issuer.equals(claims.get("iss"))) {
            throw new InvalidIdTokenException("the signed userinfo answer's iss is not the IdP's issuer");
        }
        Object aud = claims.get("aud");
        if (aud != null && !(clientId.equals(aud) || aud instanceof java.util.Collection<?> list && list.contains(clientId))) {
            throw new InvalidIdTokenException("the signed userinfo answer is for another audience");
        }
        return claims;
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
        if (!(header.get("alg") instanceof String algorithm) || !IdTokenPolicy.ALGORITHMS.contains(algorithm)) {
            throw new InvalidIdTokenException("the signing algorithm " + header.get("alg") + " is not accepted (use an "
                    + "RSA or EC signature)");
        }
        Map<String, Object> claims = json(parts[1], "payload");
        checkSignature(token, header.get("kid"));
        policy.check(header, claims, issuer, clientId);
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
