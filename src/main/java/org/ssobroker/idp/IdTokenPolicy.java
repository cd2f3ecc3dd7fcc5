package org.ssobroker.idp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ssobroker.support.BrokerConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one rule set for an IdP's id_token, on both paths that accept one:
 * <ul>
 *   <li>the browser callback: quarkus-oidc verifies the signature, issuer, audience, expiry and
 *       nonce (its tenant gets {@link #clockSkew()} from here), then the callback applies
 *       {@link #check} to the verified token;</li>
 *   <li>the token exchange: {@code upstream/ExternalIdTokenVerifier} verifies the signature with the
 *       IdP's JWKS, then applies {@link #check}, which also checks issuer, audience and time.</li>
 * </ul>
 * Shared: asymmetric algorithms only ({@link #ALGORITHMS}); {@code iss}, {@code sub}, {@code aud},
 * {@code exp} and {@code iat} required; {@code aud} contains the client id; {@code azp}, when
 * present, is the client id (and required with several audiences); {@code exp}, {@code nbf} and
 * {@code iat} within the clock skew; access tokens offered as id_tokens refused ({@code typ}
 * {@code at+jwt}, an {@code scp} claim, Cognito's {@code token_use=access}).
 * The one difference: {@code nonce} is checked on the browser path only, where the broker sent
 * one; an app exchanging a token it obtained itself has no nonce the broker could know.
 */
@ApplicationScoped
public class IdTokenPolicy {

    /** Asymmetric algorithms only: {@code none} and HMAC (RS/HS confusion) never verify. */
    public static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");

    private final Duration clockSkew;
    private final Clock clock;

    @Inject
    public IdTokenPolicy(BrokerConfig config, Clock clock) {
        this(config.token().clockSkew(), clock);
    }

    public IdTokenPolicy(Duration clockSkew, Clock clock) {
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * @param header   the JOSE header of the id_token
     * @param claims   its verified payload
     * @param issuer   the IdP's issuer
     * @param clientId the IdP's client id (our client at the IdP)
     * @throws InvalidIdTokenException with the reason
     */
    public void check(Map<String, Object> header, Map<String, Object> claims, String issuer, String clientId) {
        Object alg = header.get("alg");
        if (!(alg instanceof String algorithm) || !ALGORITHMS.contains(algorithm)) {
            throw new InvalidIdTokenException("the signing algorithm " + alg + " is not accepted (use an RSA or EC signature)");
        }
        if (header.get("typ") instanceof String typ && (typ.equalsIgnoreCase("at+jwt")
                || typ.equalsIgnoreCase("application/at+jwt"))) {
            throw new InvalidIdTokenException("this is an access token (typ " + typ + "), not an id_token");
        }
        if (claims.containsKey("scp") || "access".equals(claims.get("token_use"))) {
            throw new InvalidIdTokenException("this is an access token (" + (claims.containsKey("scp") ? "scp claim"
                    : "token_use=access") + "), not an id_token");
        }
        if (!issuer.equals(claims.get("iss"))) {
            throw new InvalidIdTokenException("iss '" + claims.get("iss") + "' is not the IdP's issuer '" + issuer + "'");
        }
        if (!(claims.get("sub") instanceof String sub) || sub.isBlank()) {
            throw new InvalidIdTokenException("the id_token has no sub");
        }
        List<String> audiences = audiences(claims.get("aud"));
        if (!audiences.contains(clientId)) {
            throw new InvalidIdTokenException("aud " + audiences + " does not contain the IdP's client id '" + clientId + "'");
        }
        Object azp = claims.get("azp");
        if ((azp != null || audiences.size() > 1) && !clientId.equals(azp)) {
            throw new InvalidIdTokenException("azp '" + azp + "' is not the IdP's client id '" + clientId + "'");
        }
        checkTimes(claims);
    }

    private void checkTimes(Map<String, Object> claims) {
        long now = clock.instant().getEpochSecond();
        long skew = clockSkew.toSeconds();
        Long exp = seconds(claims, "exp");
        if (exp == null) {
            throw new InvalidIdTokenException("the id_token has no exp");
        }
        if (now - skew >= exp) {
            throw new InvalidIdTokenException("the id_token expired at " + Instant.ofEpochSecond(exp));
        }
        Long iat = seconds(claims, "iat");
        if (iat == null) {
            throw new InvalidIdTokenException("the id_token has no iat");
        }
        if (now + skew < iat) {
            throw new InvalidIdTokenException("the id_token was issued in the future (" + Instant.ofEpochSecond(iat) + ")");
        }
        Long nbf = seconds(claims, "nbf");
        if (nbf != null && now + skew < nbf) {
            throw new InvalidIdTokenException("the id_token is not valid before " + Instant.ofEpochSecond(nbf));
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
}
