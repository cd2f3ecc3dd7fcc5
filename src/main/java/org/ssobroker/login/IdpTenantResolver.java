package org.ssobroker.login;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.IdTokenPolicy;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.OidcDiscovery;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.support.SessionSecret;

import java.util.Optional;

/**
 * Gives quarkus-oidc one web-app tenant per (site, IdP), on the IdP's callback path only.
 * The config is built once per IdP version and the same instance returned while the IdP is
 * unchanged (quarkus-oidc then reuses its tenant context: no per-request discovery). A cache
 * miss loads the IdP through the blocking runner, never on the IO thread.
 * <p>
 * Outbound policy: quarkus-oidc never discovers by itself. The broker fetches the OpenID
 * configuration through {@link OidcDiscovery} (which checks every endpoint it names) and hands
 * quarkus-oidc the checked endpoints, with redirects off. The redirect_uri is the absolute
 * callback URL of {@code public-base-url}, and the cookies are Secure when that URL is https.
 */
@ApplicationScoped
public class IdpTenantResolver implements TenantConfigResolver {

    private final IdpDirectory directory;
    private final String stateSecret;
    private final String tokenSecret;
    private final OidcTenantContexts contexts;
    private final IdTokenPolicy policy;
    private final OidcDiscovery discovery;
    private final PublicUrls urls;
    private final java.time.Duration outboundTimeout;

    public IdpTenantResolver(IdpDirectory directory, SessionSecret sessionSecret, BrokerConfig brokerConfig,
            OidcTenantContexts contexts, IdTokenPolicy policy, OidcDiscovery discovery, PublicUrls urls) {
        this.directory = directory;
        this.policy = policy;
        this.contexts = contexts;
        this.discovery = discovery;
        this.urls = urls;
        this.outboundTimeout = brokerConfig.outbound().timeout();
        this.stateSecret = sessionSecret.text("oidc-state");
        this.tokenSecret = sessionSecret.text("oidc-session");
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        Optional<String[]> callback = LoginPaths.callback(context.normalizedPath());
        if (callback.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String site = callback.get()[0];
        String nameId = callback.get()[1];
        // A SAML IdP has no code flow: its callback path is no tenant (quarkus-oidc answers 401).
        Optional<OidcTenantConfig> built = directory.cached(site, nameId).filter(idp -> !idp.usesSaml())
                .map(this::builtFor);
        if (built.isPresent()) {
            return Uni.createFrom().item(built.get());
        }
        // Loading the IdP or discovering its endpoints blocks: never on the IO thread.
        return requestContext.runBlocking(() -> {
            try {
                return directory.find(site, nameId).filter(idp -> !idp.usesSaml()).map(this::config).orElse(null);
            } catch (OidcDiscovery.DiscoveryException e) {
                throw new AuthenticationFailedException("The identity provider's configuration cannot be read");
            }
        }).onItem().ifNull().failWith(() -> new AuthenticationFailedException("No such identity provider"));
    }

    /**
     * Builds (or finds) the IdP's tenant config before the browser is sent to the callback path,
     * so a login start can answer a readable page when discovery fails. Blocking.
     *
     * @throws OidcDiscovery.DiscoveryException why the IdP's configuration cannot be used
     */
    public void prepare(RegisteredIdp idp) {
        config(idp);
    }

    /** The config when already built for this IdP version (no discovery on the IO thread). */
    private OidcTenantConfig builtFor(RegisteredIdp idp) {
        return directory.builtPart(idp, Tenant.class).map(Tenant::config).orElse(null);
    }

    /**
     * The same config instance while the IdP is unchanged (quarkus-oidc then reuses its context),
     * kept in the IdP's one cache entry: when the entry goes, its quarkus-oidc context goes too.
     */
    private OidcTenantConfig config(RegisteredIdp idp) {
        return directory.part(idp, Tenant.class,
                built -> new Tenant(built.tenantId(), build(built, endpoints(built.oidc())), contexts)).config();
    }

    /** The tenant config of one IdP version; releasing it drops quarkus-oidc's context of the tenant. */
    private record Tenant(String tenantId, OidcTenantConfig config, OidcTenantContexts contexts)
            implements AutoCloseable {
        @Override
        public void close() {
            contexts.evict(tenantId);
        }
    }

    /** The endpoints: entered by hand, or discovered now through the outbound policy. */
    private OidcDiscovery.Metadata endpoints(OidcSettings oidc) {
        if (oidc.configUrl() == null) {
            return new OidcDiscovery.Metadata(oidc.issuer(), oidc.jwksUri(), oidc.authorizationUrl(), oidc.tokenUrl(),
                    oidc.userInfoUrl());
        }
        return discovery.fetch(oidc.configUrl());
    }

    private OidcTenantConfig build(RegisteredIdp idp, OidcDiscovery.Metadata endpoints) {
        OidcSettings oidc = idp.oidc();
        var builder = OidcTenantConfig.builder()
                .tenantId(idp.tenantId())
                .applicationType(ApplicationType.WEB_APP)
                .clientId(oidc.clientId())
                .followRedirects(false)
                .connectionTimeout(outboundTimeout);
        if (oidc.clientSecret() != null) {
            builder.credentials(oidc.clientSecret());
        }
        builder.authServerUrl(endpoints.issuer())
                .discoveryEnabled(false)
                .authorizationPath(endpoints.authorizationUrl())
                .tokenPath(endpoints.tokenUrl())
                .jwksPath(endpoints.jwksUri());
        if (endpoints.userInfoUrl() != null) {
            builder.userInfoPath(endpoints.userInfoUrl());
        }
        builder.token().issuer(endpoints.issuer()).end();
        builder.authentication()
                .redirectPath(urls.callbackUrl(idp.siteKey(), idp.nameId()))
                .forceRedirectHttpsScheme(urls.https())
                .cookieForceSecure(urls.https())
                .restorePathAfterRedirect(false)
                .errorPath(LoginPaths.errorPath(idp.siteKey(), idp.nameId()))
                .scopes(oidc.scopes().stream().filter(s -> !s.equals("openid")).toList())
                .pkceRequired(oidc.pkce())
                .nonceRequired(true)
                .userInfoRequired(endpoints.userInfoUrl() != null)
                .stateSecret(stateSecret)
                .cookiePath("/site/" + idp.siteKey())
                .end();
        builder.tokenStateManager().encryptionSecret(tokenSecret).end();
        // The same clock skew as the exchange path (idp/IdTokenPolicy, checked again in the callback).
        builder.token().lifespanGrace((int) policy.clockSkew().toSeconds()).issuedAtRequired(true).end();
        // The keys are needed at the callback, not to redirect to the IdP: a context (re)built
        // under churn must not fetch the JWKS first (quarkus-oidc's default).
        builder.jwks().resolveEarly(false).end();
        return builder.build();
    }
}
