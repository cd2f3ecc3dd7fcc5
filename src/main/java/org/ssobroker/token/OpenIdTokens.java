package org.ssobroker.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.security.SigningKeys;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JWTs each site's OpenID Provider signs with the broker's key ({@code typ: JWT}, so none
 * passes as an RFC 9068 access token): id_tokens and signed userinfo answers. The issuer of a
 * site is {@code {public-base-url}/site/{site}}.
 */
@ApplicationScoped
public class OpenIdTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long USERINFO_LIFETIME_SECONDS = 300;

    private final JwsSigner signer;
    /** The ES256 signer of the id_tokens of apps that asked for ES256; absent without an EC key. */
    private final java.util.Optional<JwsSigner> es256Signer;
    private final String base;
    private final long lifetimeSeconds;
    private final Clock clock;

    public OpenIdTokens(SigningKeys keys, PublicUrls urls, BrokerConfig config, Clock clock) {
        this.signer = new JwsSigner(SigningKeys.RS256, keys.privateKey(), keys.keyId(), "JWT"); // OpenID Connect requires RS256
        this.es256Signer = keys.ecKey().map(ec -> new JwsSigner(SigningKeys.ES256, ec.privateKey(), ec.keyId(), "JWT"));
        this.base = urls.base();
        // An id_token proves a sign-in to the app that just received it: short-lived.
        this.lifetimeSeconds = Math.min(3600, config.token().accessTokenLifetime().toSeconds());
        this.clock = clock;
    }

    /** The id_token algorithms apps may ask for: RS256, and ES256 when the broker holds an EC key. */
    public List<String> idTokenAlgorithms() {
        return es256Signer.isPresent() ? List.of(SigningKeys.RS256, SigningKeys.ES256) : List.of(SigningKeys.RS256);
    }

    public String issuer(String siteKey) {
        return base + "/site/" + siteKey;
    }

    /**
     * OIDC Core 2: iss, sub, aud, azp, nonce, auth_time, iat, exp, then the user's claims of the
     * granted scope; signed with {@code algorithm} (the app's {@code idTokenSignedResponseAlg}).
     */
    public String idToken(String siteKey, String clientId, String nonce, Instant authTime, Map<String, Object> user,
            String algorithm) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer(siteKey));
        claims.put("sub", user.get("sub"));
        claims.put("aud", clientId);
        claims.put("azp", clientId);
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (authTime != null) {
            claims.put("auth_time", authTime.getEpochSecond());
        }
        claims.put("iat", now);
        claims.put("exp", now + lifetimeSeconds);
        user.forEach(claims::putIfAbsent);
        // An app set to ES256 while the EC key was configured keeps RS256 if the key is gone (the JWKS has only RSA then).
        JwsSigner chosen = SigningKeys.ES256.equals(algorithm) ? es256Signer.orElse(signer) : signer;
        return sign(chosen, claims);
    }

    /** A signed userinfo answer (OIDC Core 5.3.2): the claims plus iss, aud and a short life (it is read at once). */
    public String userInfo(String siteKey, String clientId, Map<String, Object> user) {
        Map<String, Object> claims = new LinkedHashMap<>(user);
        long now = clock.instant().getEpochSecond();
        claims.put("iss", issuer(siteKey));
        claims.put("aud", clientId);
        claims.put("iat", now);
        claims.put("exp", now + USERINFO_LIFETIME_SECONDS);
        return sign(signer, claims);
    }

    private static String sign(JwsSigner signer, Map<String, Object> claims) {
        try {
            return signer.sign(JSON.writeValueAsBytes(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write token claims", e);
        }
    }
}
