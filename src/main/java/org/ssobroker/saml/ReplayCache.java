package org.ssobroker.saml;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The assertion ids already consumed, in PostgreSQL so every replica sees them: the first insert
 * of (issuer, id) wins and any later use, here or on another replica, is a replay. A row lives
 * until its assertion expires; expired rows are deleted by the replica that inserts next, at most
 * every ten minutes.
 */
@ApplicationScoped
public class ReplayCache {

    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);

    private final EntityManager em;
    private final Clock clock;
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.EPOCH);

    public ReplayCache(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Whether this is the assertion's first use; records it until {@code expiresAt}. */
    public boolean firstUse(String issuer, String assertionId, Instant expiresAt) {
        boolean first = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "insert into saml_assertion_use (issuer, assertion_id, expires_at) values (?1, ?2, ?3) "
                                + "on conflict do nothing")
                .setParameter(1, issuer).setParameter(2, assertionId).setParameter(3, expiresAt)
                .executeUpdate() == 1);
        cleanUp();
        return first;
    }

    private void cleanUp() {
        Instant now = clock.instant();
        Instant last = lastCleanup.get();
        if (last.plus(CLEANUP_INTERVAL).isAfter(now) || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        try {
            int deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "delete from saml_assertion_use where expires_at < ?1").setParameter(1, now).executeUpdate());
            Log.debugf("Deleted %d expired SAML assertion ids", deleted);
        } catch (RuntimeException e) {
            // The next insert after the interval tries again.
            Log.warnf("Expired SAML assertion ids were not deleted: %s", e.getMessage());
        }
    }
}
