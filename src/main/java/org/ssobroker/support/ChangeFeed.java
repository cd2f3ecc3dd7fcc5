package org.ssobroker.support;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the replicas' caches coherent. Every change is written to {@code change_feed} in the
 * transaction that makes it, and fired here at once (observers act after commit); each replica
 * polls the table in the background (never per request) and fires what it has not seen, so a
 * change through one replica reaches all within one poll interval.
 *
 * <p>Correct by construction, not by {@code seq} order: a transaction may take a lower seq and
 * commit after a higher one. Each row carries its transaction id; a poll reads every row whose
 * transaction was not yet visible to the previous poll's snapshot ({@code xid >= xmin} of that
 * snapshot) and skips the seqs it already fired. Old rows are pruned.
 */
@ApplicationScoped
public class ChangeFeed {

    private final EntityManager em;
    private final Event<Changed> changes;
    private final BrokerConfig config;
    private ScheduledExecutorService poller;
    /** The xmin of the last poll's snapshot: rows of older transactions were all seen. */
    private String horizon;
    /** Seqs fired whose transactions are not below the horizon yet (they are read again). */
    private final Map<Long, Long> firedSince = new HashMap<>();
    private int polls;
    /** This replica: it applies its own changes when they commit, and skips them in the feed. */
    private final UUID self = UUID.randomUUID();

    public ChangeFeed(EntityManager em, Event<Changed> changes, BrokerConfig config) {
        this.em = em;
        this.changes = changes;
        this.config = config;
    }

    /** Records a change in the caller's transaction and tells this replica's caches (after commit). */
    public void record(Changed change) {
        em.createNativeQuery("insert into change_feed (subject, site_key, name, change, origin) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, change.subject().name()).setParameter(2, change.siteKey())
                .setParameter(3, change.name()).setParameter(4, change.change().name()).setParameter(5, self)
                .executeUpdate();
        changes.fire(change);
    }

    void start(@Observes StartupEvent event) {
        horizon = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select pg_snapshot_xmin(pg_current_snapshot())::text").getSingleResult()
                .toString());
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "change-feed");
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

    /** Fires the changes committed since the last poll (by any replica, this one included). */
    synchronized void poll() {
        try {
            // One statement, one snapshot: the rows and the next horizon agree.
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "select s.horizon, c.seq, c.subject, c.site_key, c.name, c.change, c.xid "
                                    + "from (select pg_snapshot_xmin(pg_current_snapshot())::text as horizon) s "
                                    + "left join lateral (select seq, subject, site_key, name, change, "
                                    + "xid::text::bigint as xid from change_feed where xid >= cast(?1 as xid8) "
                                    + "and origin is distinct from ?2) c on true order by c.seq")
                    .setParameter(1, horizon).setParameter(2, self).getResultList());
            String nextHorizon = (String) rows.get(0)[0];
            for (Object[] row : rows) {
                if (row[1] == null) {
                    continue;
                }
                long seq = ((Number) row[1]).longValue();
                if (firedSince.putIfAbsent(seq, ((Number) row[6]).longValue()) == null) {
                    changes.fire(new Changed(Changed.Subject.valueOf((String) row[2]), (String) row[3],
                            (String) row[4], Changed.Change.valueOf((String) row[5])));
                }
            }
            long floor = Long.parseLong(nextHorizon);
            firedSince.values().removeIf(xid -> xid < floor);
            horizon = nextHorizon;
            if (++polls % 600 == 0) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from change_feed where changed_at < now() - interval '1 hour'").executeUpdate());
            }
        } catch (RuntimeException e) {
            // The database may be briefly unreachable (failover); the next poll reads from the same horizon.
            Log.warnf("Change feed poll failed: %s", e.getMessage());
        }
    }
}
