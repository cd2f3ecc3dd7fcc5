package org.ssobroker.idp;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.ssobroker.site.SiteDeleted;
import org.ssobroker.support.BrokerConfig;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the replicas' IdP caches coherent. Every change is written to {@code idp_change} in the
 * transaction that makes it; each replica polls the table in the background (not per request)
 * and fires {@link IdpChanged} for what it has not seen, so a change through one replica is
 * seen by all within one poll interval. Old rows are pruned.
 */
@ApplicationScoped
public class IdpChangeFeed {

    private final EntityManager em;
    private final Event<IdpChanged> changes;
    private final BrokerConfig config;
    private ScheduledExecutorService poller;
    private long lastSeen;
    private int polls;

    public IdpChangeFeed(EntityManager em, Event<IdpChanged> changes, BrokerConfig config) {
        this.em = em;
        this.changes = changes;
        this.config = config;
    }

    /** Records a change in the caller's transaction. */
    public void record(String siteKey, String nameId, IdpChanged.Change change) {
        em.createNativeQuery("insert into idp_change (site_key, name_id, change) values (?1, ?2, ?3)")
                .setParameter(1, siteKey).setParameter(2, nameId).setParameter(3, change.name())
                .executeUpdate();
    }

    /** A deleted site takes its IdPs along: every cache drops them. */
    void onSiteDeleted(@Observes(during = TransactionPhase.IN_PROGRESS) SiteDeleted event) {
        record(event.siteKey(), IdpChanged.ALL, IdpChanged.Change.DELETED);
        changes.fire(new IdpChanged(event.siteKey(), IdpChanged.ALL, IdpChanged.Change.DELETED));
    }

    void start(@Observes StartupEvent event) {
        lastSeen = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select coalesce(max(seq), 0) from idp_change").getSingleResult()).longValue());
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idp-change-feed");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.changePollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** Fires the changes made since the last poll (by any replica, this one included). */
    void poll() {
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "select seq, site_key, name_id, change from idp_change where seq > ?1 order by seq limit 1000")
                    .setParameter(1, lastSeen).getResultList());
            for (Object[] row : rows) {
                lastSeen = ((Number) row[0]).longValue();
                changes.fire(new IdpChanged((String) row[1], (String) row[2],
                        IdpChanged.Change.valueOf((String) row[3])));
            }
            if (++polls % 600 == 0) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from idp_change where changed_at < now() - interval '1 hour'").executeUpdate());
            }
        } catch (RuntimeException e) {
            // The database may be briefly unreachable (failover); the next poll catches up by seq.
            Log.warnf("IdP change feed poll failed: %s", e.getMessage());
        }
    }
}
