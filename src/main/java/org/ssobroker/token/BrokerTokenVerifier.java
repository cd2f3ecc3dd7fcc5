package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.ssobroker.support.PublicUrls;

import java.util.Optional;

/**
 * Verifies the broker's own access tokens. Decided once (see DESIGN.md's pitfall): the
 * broker does not install smallrye-jwt's bearer mechanism, which clashes with quarkus-oidc;
 * its tokens are checked here with jose4j against its own public key, by
 * {@link BearerTokenFilter}. The consumer is built once: no per-request key lookup.
 */
@ApplicationScoped
public class BrokerTokenVerifier {

    private static final int MAX_TOKEN_CHARS = 8192;

    private final JwtConsumer consumer;

    public BrokerTokenVerifier(SigningKeys keys, PublicUrls urls) {
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(urls.base())
                .setSkipDefaultAudienceValidation()
                .setVerificationKey(keys.publicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    /** The caller behind a valid token, or empty for an invalid, expired or foreign one. */
    public Optional<Caller> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String clientId = claims.getClaimValue("client_id", String.class);
            String scope = claims.getClaimValue("scope", String.class);
            String site = claims.getClaimValue("site", String.class);
            return Optional.of(new Caller(claims.getSubject(), clientId, site, Scopes.parse(scope)));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
