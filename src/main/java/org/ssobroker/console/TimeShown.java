package org.ssobroker.console;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How the console shows an instant: {@code {user.lastLoginAt.shown}} reads "2026-12-02 17:40 UTC"
 * (the exact instant stays in the {@code <time datetime>} attribute next to it).
 */
@TemplateExtension
final class TimeShown {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TimeShown() {
    }

    static String shown(Instant instant) {
        return MINUTES.format(instant.truncatedTo(ChronoUnit.MINUTES));
    }
}
