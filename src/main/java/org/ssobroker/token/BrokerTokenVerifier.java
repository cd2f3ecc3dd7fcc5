package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.ssobroker.support.LruCache;
import org.ssobroker.support.PublicUrls;

import java.security.PublicKey;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Verifies the broker's own access tokens. Decided once (see DESIGN.md's pitfall): the
 * broker does not install smallrye-jwt's bearer mechanism, which clashes with quarkus-oidc;
 * its tokens are checked here with jose4j against its own public key, by
 * {@link BearerTokenFilter}. The consumer is built once: no per-request key lookup. Apps
 * send the same token many times (four hours of life): a token verified once is remembered
 * until it expires, so a repeat costs a map lookup instead of an RSA verification and a JSON
 * parse (7 % of an exchange request's CPU in the benchmark). Only valid tokens are kept.
 */
@ApplicationScoped
public class BrokerTokenVerifier {

    private static final int MAX_TOKEN_CHARS = 8192;
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final int REMEMBERED_TOKENS = 4096;

    private final JwtConsumer consumer;
    private final LruCache<String, Verified> verified = new LruCache<>(REMEMBERED_TOKENS);

    private record Verified(Caller caller, long expiresAt) {
    }

    private final LongSupplier epochSeconds;

    @Inject
    public BrokerTokenVerifier(SigningKeys keys, PublicUrls urls) {
        this(keys.publicKey(), urls.base(), () -> System.currentTimeMillis() / 1000);
    }

    /** @param epochSeconds the clock that expires remembered tokens */
    BrokerTokenVerifier(PublicKey key, String issuer, LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    /** The caller behind a valid token, or empty for an invalid, expired or foreign one. */
    public Optional<Caller> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Verified known = verified.get(token);
        if (known != null) {
            if (unexpired(known)) {
                return Optional.of(known.caller());
            }
            verified.remove(token);
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String clientId = claims.getClaimValue("client_id", String.class);
            String scope = claims.getClaimValue("scope", String.class);
            String site = claims.getClaimValue("site", String.class);
            Caller caller = new Caller(claims.getSubject(), clientId, site, Scopes.parse(scope));
            Verified valid = new Verified(caller, claims.getExpirationTime().getValue());
            if (!unexpired(valid)) {
                return Optional.empty();
            }
            verified.put(token, valid);
            return Optional.of(caller);
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /** The expiry check of remembered tokens, on the same clock as the first verification's. */
    private boolean unexpired(Verified token) {
        return epochSeconds.getAsLong() <= token.expiresAt() + CLOCK_SKEW_SECONDS;
    }
}
