package org.ssobroker.support;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at PostgreSQL's precision, so an answer shows what a later read will show. */
public final class Timestamps {

    private Timestamps() {
    }

    /** A timestamp column as JDBC or Hibernate returned it. */
    public static Instant instant(Object column) {
        if (column instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (column instanceof Instant instant) {
            return instant;
        }
        throw new IllegalArgumentException("not a timestamp: " + column);
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Now by the broker's clock: what expires (drafts, codes, refresh tokens) is aged by it, so tests can move it. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
