package org.ssobroker.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * smallrye-jwt's principal factory for the broker's tokens: its default factory verifies
 * (signature, issuer, audience, expiry, required claims; {@link BrokerJwtContext}), and this
 * adds what it does not check:
 * <ul>
 *   <li>the RFC 9068 {@code typ: at+jwt} header, so no other JWT the broker's key might sign
 *       passes as an access token;</li>
 *   <li>revocation, on every request: the token's client credential must be the app's current
 *       one ({@link ClientCredentials}).</li>
 * </ul>
 * Apps send the same token many times: a verified token is remembered until it expires, so a
 * repeat costs a map lookup instead of an RSA verification and a JSON parse (7 % of an exchange
 * request's CPU in the benchmark). Only verified tokens are kept, so no unauthenticated input
 * grows the map; revocation is still checked on each use.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class BrokerTokenPrincipals extends JWTCallerPrincipalFactory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_CHARS = 8192;

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final ClientCredentials credentials;
    private final Clock clock;
    private final Cache<String, JWTCallerPrincipal> verified;

    public BrokerTokenPrincipals(ClientCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(4096).expireAfter(new UntilExpiry(clock)).build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw new ParseException("The token is missing or too large.");
        }
        JWTCallerPrincipal principal = verified.getIfPresent(token);
        if (principal == null || expired(principal)) {
            requireAccessTokenType(token);
            principal = verifier.parse(token, authContextInfo);
            verified.put(token, principal);
        }
        if (!credentials.current(principal.getClaim(BrokerClaims.CLIENT_ID), principal.getClaim(BrokerClaims.CREDENTIAL))) {
            throw new ParseException("The token was revoked.");
        }
        return principal;
    }

    private boolean expired(JWTCallerPrincipal principal) {
        return clock.instant().getEpochSecond() > principal.getExpirationTime() + BrokerJwtContext.CLOCK_SKEW_SECONDS;
    }

    private static void requireAccessTokenType(String token) throws ParseException {
        int dot = token.indexOf('.');
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(dot < 0 ? token : token.substring(0, dot)));
            if (header != null && BrokerClaims.ACCESS_TOKEN_TYPE.equals(header.path("typ").asText())) {
                return;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ParseException("The token's header is not base64url JSON.");
        }
        throw new ParseException("The token is not an access token (typ must be at+jwt).");
    }

    /** A remembered token is forgotten when it expires. */
    private record UntilExpiry(Clock clock) implements Expiry<String, JWTCallerPrincipal> {
        @Override
        public long expireAfterCreate(String key, JWTCallerPrincipal value, long currentTime) {
            long seconds = value.getExpirationTime() - clock.instant().getEpochSecond();
            return TimeUnit.SECONDS.toNanos(Math.max(0, seconds + BrokerJwtContext.CLOCK_SKEW_SECONDS));
        }

        @Override
        public long expireAfterUpdate(String key, JWTCallerPrincipal value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, JWTCallerPrincipal value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
