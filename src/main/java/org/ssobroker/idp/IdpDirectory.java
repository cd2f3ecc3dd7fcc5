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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Logins look IdPs up here, not in the database: one Caffeine entry per IdP ({@link IdpEntry})
 * holds its snapshot and the runtime parts built from it (quarkus-oidc tenant config and
 * context, id_token verifier), dropped once, after commit, when the IdP or its site changes
 * (here, or through the change feed), after {@code idp-snapshot-max-age} as a safety net, or
 * when evicted. Loading is blocking (JDBC): callers on the IO thread go through a blocking runner.
 *
 * <p>Two bounds: snapshots (a few KB) up to {@code idp-snapshot-cache-size}; entries holding
 * heavy parts (an HTTP client, a JWKS) up to {@code idp-cache-size}: the least recently used
 * entry beyond that releases its parts and keeps its snapshot. The caches are Caffeine's
 * (W-TinyLFU), not LRUs: logins cycling over one IdP more than the cache holds would make an
 * LRU miss every time (the benchmark's round robin over 10,001 IdPs did); this policy keeps the
 * resident set and misses only on the excess.
 */
@ApplicationScoped
public class IdpDirectory {

    private final SecretBox secrets;
    private final Cache<String, IdpEntry> entries;
    /** The entries holding runtime parts, by tenant id; leaving it releases the parts. */
    private final Cache<String, IdpEntry> withParts;
    /** Bumped by every change, so a load racing with a change does not cache the old IdP. */
    private final AtomicLong changes = new AtomicLong();

    public IdpDirectory(SecretBox secrets, BrokerConfig config, Clock clock) {
        this.secrets = secrets;
        // Evicted or expired entries release their parts here; a change releases them in onChange.
        this.withParts = Caffeine.newBuilder().maximumSize(config.idpCacheSize()).executor(Runnable::run)
                .<String, IdpEntry>removalListener((tenantId, entry, cause) -> {
                    if (entry != null && cause.wasEvicted()) {
                        entry.releaseParts(true);
                    }
                }).build();
        this.entries = Caffeine.newBuilder().maximumSize(config.idpSnapshotCacheSize())
                .expireAfterWrite(config.idpSnapshotMaxAge()).executor(Runnable::run)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .<String, IdpEntry>removalListener((tenantId, entry, cause) -> {
                    if (entry != null && cause.wasEvicted()) {
                        withParts.asMap().remove(tenantId, entry);
                        entry.releaseParts(true);
                    }
                }).build();
    }

    /** The cached snapshot, without I/O; empty when not loaded (or dropped). */
    public Optional<RegisteredIdp> cached(String siteKey, String nameId) {
        return Optional.ofNullable(entries.getIfPresent(RegisteredIdp.tenantId(siteKey, nameId))).map(IdpEntry::idp);
    }

    /**
     * The IdP, from the cache or (blocking) from the database; empty when it does not exist.
     * Concurrent first lookups of one IdP share one load and so one snapshot (parts built from it,
     * such as quarkus-oidc's tenant config, must be the same instance for every request).
     */
    public Optional<RegisteredIdp> find(String siteKey, String nameId) {
        Optional<RegisteredIdp> cached = cached(siteKey, nameId);
        if (cached.isPresent()) {
            return cached;
        }
        long before = changes.get();
        List<Optional<RegisteredIdp>> loaded = new ArrayList<>(1);
        IdpEntry entry = entries.get(RegisteredIdp.tenantId(siteKey, nameId), tenantId -> {
            loaded.add(load(siteKey, nameId));
            // A change during the load may have been missed by it: answer it, do not cache it.
            return loaded.get(0).filter(idp -> changes.get() == before).map(IdpEntry::new).orElse(null);
        });
        if (entry != null) {
            return Optional.of(entry.idp());
        }
        return loaded.isEmpty() ? load(siteKey, nameId) : loaded.get(0);
    }

    private Optional<RegisteredIdp> load(String siteKey, String nameId) {
        return QuarkusTransaction.joiningExisting().call(() -> IdentityProvider.find(siteKey, nameId).map(this::snapshot));
    }

    /**
     * A runtime part of this IdP version, built once and kept in its entry (released with it). A
     * snapshot whose entry is gone (it changed or was evicted meanwhile) gets a part built for this
     * call only: caching it would resurrect a snapshot a change has just dropped. A builder must
     * not ask for another part of the same IdP (the entry's map refuses a nested build): read
     * what it needs before calling this.
     */
    public <T> T part(RegisteredIdp idp, Class<T> type, Function<RegisteredIdp, ? extends T> build) {
        IdpEntry entry = entries.getIfPresent(idp.tenantId());
        if (entry == null || entry.idp() != idp) {
            return build.apply(idp);
        }
        withParts.put(idp.tenantId(), entry);
        return entry.part(type, build);
    }

    /** A part already built for this IdP version, without building it (callers on the IO thread). */
    public <T> Optional<T> builtPart(RegisteredIdp idp, Class<T> type) {
        IdpEntry entry = entries.getIfPresent(idp.tenantId());
        return entry == null || entry.idp() != idp ? Optional.empty() : entry.existing(type);
    }

    /**
     * Drops the entries a change concerns, once. A deleted IdP (or site) closes its parts: its
     * quarkus-oidc context goes. A changed IdP only forgets them: the next login hands quarkus-oidc
     * a new config, which replaces the context without cutting logins in flight on the old one.
     */
    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) Changed change) {
        if (change.subject() == Changed.Subject.CLIENT) {
            return;
        }
        changes.incrementAndGet();
        boolean gone = change.change() == Changed.Change.DELETED;
        for (String tenantId : List.copyOf(entries.asMap().keySet())) {
            if (RegisteredIdp.concerns(change, tenantId)) {
                IdpEntry entry = entries.asMap().remove(tenantId);
                if (entry != null) {
                    withParts.asMap().remove(tenantId, entry);
                    entry.releaseParts(gone);
                }
            }
        }
    }

    private RegisteredIdp snapshot(IdentityProvider idp) {
        Site site = Site.findById(idp.siteKey);
        String secret = idp.clientSecretSealed == null ? null : secrets.open(idp.clientSecretSealed, idp.secretContext());
        OidcSettings oidc = idp.oidcSettings(secret);
        MappingRules rules = new MappingRules(idp.externalUserIdAttribute, idp.attributeMappings,
                idp.accessRightMapping, idp.groupMapping, idp.defaultUserProperties, idp.defaultGroups,
                idp.trustUnverifiedEmail);
        return new RegisteredIdp(idp.id, idp.siteKey, site.name, idp.nameId, idp.displayName,
                idp.emailDomains, idp.loginUrlId, idp.hideLoginButton, idp.allowedRedirectUrls, idp.authMethod, oidc,
                idp.saml, idp.samlMetadataFetchedAt, rules,
                idp.welcome == null ? WelcomeSettings.disabled() : idp.welcome, idp.groupOverage);
    }
}
