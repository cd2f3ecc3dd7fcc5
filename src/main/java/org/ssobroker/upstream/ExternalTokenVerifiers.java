package org.ssobroker.upstream;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.IdTokenPolicy;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.InvalidIdTokenException;
import org.ssobroker.idp.OidcDiscovery;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.outbound.OutboundFetcher;
import org.ssobroker.outbound.OutboundJwks;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.BrokerMetrics;
import org.ssobroker.support.LoginRefusal;

import java.time.Clock;

/**
 * One {@link ExternalIdTokenVerifier} per IdP version (and its JWKS cache), built on first use and
 * kept in the IdP's one cache entry ({@link IdpDirectory#part}), dropped with it when the IdP
 * changes. Building may fetch the OpenID configuration once; verifying fetches nothing but a JWKS
 * on an unknown kid. Bounded by {@code sso-broker.idp-cache-size}.
 */
@ApplicationScoped
public class ExternalTokenVerifiers {

    private final OidcDiscovery discovery;
    private final BrokerConfig.Token settings;
    private final IdpDirectory directory;
    private final BrokerMetrics metrics;
    private final IdTokenPolicy policy;
    private final OutboundJwks jwksGet;
    private final Clock clock;

    public ExternalTokenVerifiers(OidcDiscovery discovery, BrokerConfig config, BrokerMetrics metrics,
            IdTokenPolicy policy, IdpDirectory directory, OutboundFetcher fetcher, Clock clock) {
        this.discovery = discovery;
        this.policy = policy;
        this.jwksGet = new OutboundJwks(fetcher);
        this.metrics = metrics;
        this.settings = config.token();
        this.directory = directory;
        this.clock = clock;
    }

    /** @throws InvalidIdTokenException with the reason (a SAML IdP has no id_tokens) */
    public java.util.Map<String, Object> verify(RegisteredIdp idp, String idToken) {
        if (idp.usesSaml()) {
            throw new InvalidIdTokenException("the IdP '" + idp.nameId() + "' signs users in over SAML; it issues no "
                    + "id_tokens to exchange");
        }
        return verifier(idp).verify(idToken);
    }

    /** The IdP's userinfo endpoint, configured or discovered (once per IdP version); empty when it has none. */
    public java.util.Optional<String> userInfoUrl(RegisteredIdp idp) {
        return java.util.Optional.ofNullable(verifier(idp).userInfoUrl());
    }

    /** The IdP's token endpoint, configured or discovered (once per IdP version); empty when it has none. */
    public java.util.Optional<String> tokenUrl(RegisteredIdp idp) {
        return java.util.Optional.ofNullable(verifier(idp).tokenUrl());
    }

    /** The claims of a signed userinfo answer, verified with the IdP's JWKS. @throws InvalidIdTokenException */
    public java.util.Map<String, Object> verifyUserInfo(RegisteredIdp idp, String jwt) {
        return verifier(idp).verifyUserInfo(jwt);
    }

    /** Built once per IdP version, kept (with its JWKS) in the IdP's one cache entry. */
    private ExternalIdTokenVerifier verifier(RegisteredIdp idp) {
        return directory.part(idp, ExternalIdTokenVerifier.class, this::build);
    }

    private ExternalIdTokenVerifier build(RegisteredIdp idp) {
        OidcSettings oidc = idp.oidc();
        String issuer = oidc.issuer();
        String jwksUri = oidc.jwksUri();
        String userInfoUrl = oidc.userInfoUrl();
        String tokenUrl = oidc.tokenUrl();
        if (oidc.configUrl() != null) {
            try {
                OidcDiscovery.Metadata metadata = discovery.fetch(oidc.configUrl());
                issuer = metadata.issuer();
                jwksUri = metadata.jwksUri();
                userInfoUrl = metadata.userInfoUrl();
                tokenUrl = metadata.tokenUrl();
            } catch (OidcDiscovery.DiscoveryException e) {
                throw new IdpUnavailableException("The IdP's OpenID configuration cannot be read: " + e.getMessage());
            }
        }
        return new ExternalIdTokenVerifier(issuer, jwksUri, userInfoUrl, tokenUrl, oidc.clientId(), policy,
                settings.jwksMinRefreshInterval(), clock, settings.maxIdTokenChars(),
                location -> {
                    metrics.jwksFetch(idp.siteKey(), idp.nameId());
                    return jwksGet.get(location);
                });
    }

    /** The IdP's metadata or endpoints cannot be reached: not the caller's fault. */
    public static class IdpUnavailableException extends LoginRefusal {
        public IdpUnavailableException(String message) {
            super(Reason.UPSTREAM_UNAVAILABLE, message);
        }
    }
}
