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
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.SessionSecret;

import java.util.Optional;

/**
 * Gives quarkus-oidc one web-app tenant per (site, IdP), on the IdP's callback path only.
 * The config is built once per IdP version and the same instance returned while the IdP is
 * unchanged (quarkus-oidc then reuses its tenant context: no per-request discovery). A cache
 * miss loads the IdP through the blocking runner, never on the IO thread.
 */
@ApplicationScoped
public class IdpTenantResolver implements TenantConfigResolver {

    private final IdpDirectory directory;
    private final String stateSecret;
    private final String tokenSecret;
    private final OidcTenantContexts contexts;
    private final IdTokenPolicy policy;

    public IdpTenantResolver(IdpDirectory directory, SessionSecret sessionSecret, BrokerConfig brokerConfig,
            OidcTenantContexts contexts, IdTokenPolicy policy) {
        this.directory = directory;
        this.policy = policy;
        this.contexts = contexts;
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
        Optional<RegisteredIdp> cached = directory.cached(site, nameId);
        if (cached.isPresent()) {
            return Uni.createFrom().item(config(cached.get()));
        }
        return requestContext.runBlocking(() -> directory.find(site, nameId).map(this::config).orElse(null))
                .onItem().ifNull().failWith(() -> new AuthenticationFailedException("No such identity provider"));
    }

    /**
     * The same config instance while the IdP is unchanged (quarkus-oidc then reuses its context),
     * kept in the IdP's one cache entry: when the entry goes, its quarkus-oidc context goes too.
     */
    private OidcTenantConfig config(RegisteredIdp idp) {
        return directory.part(idp, Tenant.class, built -> new Tenant(built.tenantId(), build(built), contexts)).config();
    }

    /** The tenant config of one IdP version; releasing it drops quarkus-oidc's context of the tenant. */
    private record Tenant(String tenantId, OidcTenantConfig config, OidcTenantContexts contexts)
            implements AutoCloseable {
        @Override
        public void close() {
            contexts.evict(tenantId);
        }
    }

    private OidcTenantConfig build(RegisteredIdp idp) {
        OidcSettings oidc = idp.oidc();
        var builder = OidcTenantConfig.builder()
                .tenantId(idp.tenantId())
                .applicationType(ApplicationType.WEB_APP)
                .clientId(oidc.clientId());
        if (oidc.clientSecret() != null) {
            builder.credentials(oidc.clientSecret());
        }
        if (oidc.configUrl() != null) {
            builder.authServerUrl(oidc.configUrl().replaceFirst("/\\.well-known/openid-configuration/?$", ""))
                    .discoveryEnabled(true);
        } else {
            builder.authServerUrl(oidc.issuer())
                    .discoveryEnabled(false)
                    .authorizationPath(oidc.authorizationUrl())
                    .tokenPath(oidc.tokenUrl())
                    .jwksPath(oidc.jwksUri());
            if (oidc.userInfoUrl() != null) {
                builder.userInfoPath(oidc.userInfoUrl());
            }
            builder.token().issuer(oidc.issuer()).end();
        }
        builder.authentication()
                .redirectPath(LoginPaths.callbackPath(idp.siteKey(), idp.nameId()))
                .restorePathAfterRedirect(false)
                .errorPath(LoginPaths.errorPath(idp.siteKey(), idp.nameId()))
                .scopes(oidc.scopes().stream().filter(s -> !s.equals("openid")).toList())
                .pkceRequired(oidc.pkce())
                .nonceRequired(true)
                .userInfoRequired(userInfoAvailable(oidc))
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

    /** Userinfo is merged when the IdP has an endpoint (manual URL, or discovery of a standard IdP). */
    private static boolean userInfoAvailable(OidcSettings oidc) {
        return oidc.userInfoUrl() != null || oidc.configUrl() != null;
    }
}
