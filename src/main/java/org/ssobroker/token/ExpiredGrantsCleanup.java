package org.ssobroker.token;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.ssobroker.support.Timestamps;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes grants that can no longer be used, in the background every ten minutes: expired or
 * used authorization codes, expired refresh tokens, and revoked ones a day after revocation.
 * A used refresh token is kept until it expires: replaying it must still revoke its family.
 * Every replica runs it; the deletes are idempotent.
 */
@ApplicationScoped
public class ExpiredGrantsCleanup {

    /** How long a revoked refresh token is kept: a replay within it is still recognised as one. */
    private static final Duration REVOKED_KEPT = Duration.ofDays(1);

    private final EntityManager em;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public ExpiredGrantsCleanup(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "expired-grants-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::run, 1, 10, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** @return the rows deleted */
    public int run() {
        try {
            Instant now = Timestamps.now(clock);
            return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "delete from authorization_code where expires_at < ?1 "
                                    // a redeemed code stays while its access token lives: a replay revokes it
                                    + "and (access_token_exp is null or access_token_exp < ?1)")
                    .setParameter(1, Timestamp.from(now)).executeUpdate()
                    + em.createNativeQuery("delete from refresh_token where expires_at < ?1 or revoked_at < ?2")
                    .setParameter(1, Timestamp.from(now)).setParameter(2, Timestamp.from(now.minus(REVOKED_KEPT)))
                    .executeUpdate());
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the next run catches up.
            Log.warnf("Cleanup of expired codes and refresh tokens failed: %s", e.getMessage());
            return 0;
        }
    }
}
