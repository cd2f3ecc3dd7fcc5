package org.ssobroker.support;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After a database outage the pool may hold connections that died with it; each would fail one
 * more request. On a connection failure the pool validates its idle connections in the
 * background and drops the dead ones (at most once a second), so recovery is quick and needs no
 * restart.
 */
@ApplicationScoped
public class ConnectionPoolRecovery {

    private static final long MIN_INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final AgroalDataSource dataSource;
    private final AtomicLong lastFlush = new AtomicLong(System.nanoTime() - MIN_INTERVAL);

    public ConnectionPoolRecovery(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void connectionFailed() {
        long now = System.nanoTime();
        long last = lastFlush.get();
        if (now - last >= MIN_INTERVAL && lastFlush.compareAndSet(last, now)) {
            dataSource.flush(AgroalDataSource.FlushMode.INVALID); // asynchronous
        }
    }
}
