package org.ssobroker.token;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

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

    private final EntityManager em;
    private ScheduledExecutorService scheduler;

    public ExpiredGrantsCleanup(EntityManager em) {
        this.em = em;
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
            return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "delete from authorization_code where expires_at < now() "
                                    // a redeemed code stays while its access token lives: a replay revokes it
                                    + "and (access_token_exp is null or access_token_exp < now())")
                    .executeUpdate()
                    + em.createNativeQuery("delete from refresh_token where expires_at < now() "
                            + "or revoked_at < now() - interval '1 day'").executeUpdate());
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the next run catches up.
            Log.warnf("Cleanup of expired codes and refresh tokens failed: %s", e.getMessage());
            return 0;
        }
    }
}
