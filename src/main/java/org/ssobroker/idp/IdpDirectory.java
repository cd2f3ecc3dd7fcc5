package org.ssobroker.idp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.ssobroker.mapping.MappingRules;
import org.ssobroker.site.Site;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.Changed;
import org.ssobroker.support.SecretBox;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logins look IdPs up here, not in the database: a bounded cache of {@link RegisteredIdp}
 * snapshots, dropped after commit when an IdP changes. Loading is blocking (JDBC): callers on
 * the IO thread must go through a blocking runner.
 *
 * <p>The cache is Caffeine's (W-TinyLFU), not an LRU: logins cycling over one IdP more than the
 * cache holds would make an LRU miss every time (the benchmark's round robin over 10,001 IdPs
 * did: a database read per login start); this policy keeps the resident set and misses only
 * on the excess.
 */
@ApplicationScoped
public class IdpDirectory {

    private final SecretBox secrets;
    private final Cache<String, RegisteredIdp> cache;
    /** Bumped by every change, so a load racing with a change does not cache the old IdP. */
    private final AtomicLong changes = new AtomicLong();

    public IdpDirectory(SecretBox secrets, BrokerConfig config) {
        this.secrets = secrets;
        this.cache = Caffeine.newBuilder().maximumSize(config.idpSnapshotCacheSize()).build();
    }

    /** The cached snapshot, without I/O; empty when not loaded (or dropped). */
    public Optional<RegisteredIdp> cached(String siteKey, String nameId) {
        return Optional.ofNullable(cache.getIfPresent(RegisteredIdp.tenantId(siteKey, nameId)));
    }

    /** The IdP, from the cache or (blocking) from the database; empty when it does not exist. */
    public Optional<RegisteredIdp> find(String siteKey, String nameId) {
        Optional<RegisteredIdp> cached = cached(siteKey, nameId);
        if (cached.isPresent()) {
            return cached;
        }
        long before = changes.get();
        Optional<RegisteredIdp> loaded = QuarkusTransaction.joiningExisting()
                .call(() -> IdentityProvider.find(siteKey, nameId).map(this::snapshot));
        loaded.filter(idp -> changes.get() == before).ifPresent(idp -> cache.put(idp.tenantId(), idp));
        return loaded;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) Changed change) {
        changes.incrementAndGet();
        cache.asMap().keySet().removeIf(tenantId -> RegisteredIdp.concerns(change, tenantId));
    }

    private RegisteredIdp snapshot(IdentityProvider idp) {
        Site site = Site.findById(idp.siteKey);
        String secret = idp.clientSecretSealed == null ? null : secrets.open(idp.clientSecretSealed, idp.secretContext());
        OidcSettings oidc = new OidcSettings(idp.oidcType, idp.configUrl, idp.issuer, idp.jwksUri,
                idp.authorizationUrl, idp.tokenUrl, idp.userInfoUrl, idp.clientId, secret, idp.scopes,
                idp.externalUserIdAttribute, idp.pkce);
        MappingRules rules = new MappingRules(idp.externalUserIdAttribute, idp.attributeMappings,
                idp.accessRightMapping, idp.groupMapping, idp.defaultUserProperties, idp.defaultGroups,
                idp.trustUnverifiedEmail);
        return new RegisteredIdp(idp.id, idp.siteKey, site.name, idp.nameId, idp.displayName,
                idp.emailDomains, idp.loginUrlId, idp.hideLoginButton, idp.allowedRedirectUrls, oidc, rules,
                idp.welcome == null ? WelcomeSettings.disabled() : idp.welcome);
    }
}
