package org.ssobroker.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.ssobroker.idp.IdpChanged;
import org.ssobroker.idp.OidcDiscovery;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.outbound.OutboundFetcher;
import org.ssobroker.outbound.OutboundRefusedException;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.BrokerMetrics;
import org.jose4j.http.Response;
import org.jose4j.http.SimpleResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One {@link ExternalIdTokenVerifier} per IdP (and its JWKS cache), built on first use, kept
 * while the IdP is unchanged, dropped when it changes. Building may fetch the OpenID
 * configuration once; verifying fetches nothing but a JWKS on an unknown kid. Bounded by
 * {@code sso-broker.idp-cache-size} with the same scan-resistant policy as the IdP snapshots.
 */
@ApplicationScoped
public class ExternalTokenVerifiers {

    private final OidcDiscovery discovery;
    private final BrokerConfig.Token settings;
    private final Cache<String, Built> verifiers;
    private final BrokerMetrics metrics;
    private final OutboundFetcher fetcher;

    public ExternalTokenVerifiers(OidcDiscovery discovery, BrokerConfig config, BrokerMetrics metrics,
            OutboundFetcher fetcher) {
        this.discovery = discovery;
        this.fetcher = fetcher;
        this.metrics = metrics;
        this.settings = config.token();
        this.verifiers = Caffeine.newBuilder().maximumSize(config.idpCacheSize()).build();
    }

    private record Built(RegisteredIdp idp, ExternalIdTokenVerifier verifier) {
    }

    /** @throws InvalidIdTokenException with the reason */
    public java.util.Map<String, Object> verify(RegisteredIdp idp, String idToken) {
        return verifier(idp).verify(idToken);
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) IdpChanged change) {
        verifiers.asMap().keySet().removeIf(tenantId -> RegisteredIdp.concerns(change, tenantId));
    }

    private ExternalIdTokenVerifier verifier(RegisteredIdp idp) {
        Built built = verifiers.getIfPresent(idp.tenantId());
        if (built != null && built.idp == idp) {
            return built.verifier;
        }
        ExternalIdTokenVerifier verifier = build(idp);
        verifiers.put(idp.tenantId(), new Built(idp, verifier));
        return verifier;
    }

    private ExternalIdTokenVerifier build(RegisteredIdp idp) {
        OidcSettings oidc = idp.oidc();
        String issuer = oidc.issuer();
        String jwksUri = oidc.jwksUri();
        if (oidc.configUrl() != null) {
            try {
                OidcDiscovery.Metadata metadata = discovery.fetch(oidc.configUrl());
                issuer = metadata.issuer();
                jwksUri = metadata.jwksUri();
            } catch (OidcDiscovery.DiscoveryException e) {
                throw new IdpUnavailableException("The IdP's OpenID configuration cannot be read: " + e.getMessage());
            }
        }
        return new ExternalIdTokenVerifier(issuer, jwksUri, oidc.clientId(), settings.clockSkew(),
                settings.jwksMinRefreshInterval(), settings.maxIdTokenChars(),
                location -> {
                    metrics.jwksFetch(idp.siteKey(), idp.nameId());
                    return jwks(location);
                });
    }

    /**
     * A JWKS download under the outbound policy. Anything but a 200 fails the refresh, so the
     * keys cached so far stay in use (jose4j keeps them on error) and a redirect is never followed.
     */
    private SimpleResponse jwks(String location) throws IOException {
        OutboundFetcher.Answer answer;
        try {
            answer = fetcher.get(location, "application/json");
        } catch (OutboundRefusedException e) {
            throw new IOException("the JWKS was not fetched: " + e.getMessage());
        }
        if (answer.status() != 200) {
            throw new IOException("the JWKS endpoint answered HTTP " + answer.status()
                    + (answer.status() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        return new Response(200, "OK", Map.of("Content-Type", List.of(String.valueOf(answer.contentType()))),
                new String(answer.body(), StandardCharsets.UTF_8));
    }

    /** The IdP's metadata cannot be fetched: not the caller's fault. */
    public static class IdpUnavailableException extends RuntimeException {
        public IdpUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
