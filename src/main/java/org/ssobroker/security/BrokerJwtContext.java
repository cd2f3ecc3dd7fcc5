package org.ssobroker.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.ssobroker.support.PublicUrls;

import java.util.Set;

/**
 * What quarkus-smallrye-jwt checks on a broker access token: the broker's own public key (read
 * from the same key material that signs, so there is no second key file to keep in sync), the
 * issuer, the audience, RS256 (and ES256 when an EC key is configured) and the RFC 9068 claims. Replaces the producer that reads
 * {@code mp.jwt.verify.*}.
 */
public class BrokerJwtContext {

    /** Seconds of clock difference between replicas tolerated on exp and iat. */
    static final int CLOCK_SKEW_SECONDS = 30;

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    JWTAuthContextInfo brokerTokens(SigningKeys keys, PublicUrls urls) {
        JWTAuthContextInfo info;
        if (keys.ecKey().isEmpty()) {
            info = new JWTAuthContextInfo(keys.publicKey(), urls.base());
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        } else {
            // Both keys (an algorithm rollover): each token's kid picks its key from the JWKS.
            info = new JWTAuthContextInfo();
            info.setIssuedBy(urls.base());
            info.setPublicKeyContent(jwks(keys));
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        }
        info.setExpectedAudience(Set.of(urls.base()));
        info.setRequiredClaims(Set.of("sub", "exp", "iat", "jti", BrokerClaims.CLIENT_ID, BrokerClaims.SCOPE));
        info.setClockSkew(CLOCK_SKEW_SECONDS);
        return info;
    }

    private static String jwks(SigningKeys keys) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    java.util.Map.of("keys", keys.publicJwks()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the broker's JWKS cannot be written", e);
        }
    }
}
