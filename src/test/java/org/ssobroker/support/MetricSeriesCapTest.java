package org.ssobroker.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The backstop: a metric keeps at most N series; the ones it has keep counting. */
class MetricSeriesCapTest {

    @Test
    void newSeriesBeyondTheCapAreDroppedAndExistingOnesStillCount() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MetricSeriesCap(3));
        for (int i = 0; i < 100; i++) {
            registry.counter("logins", "idp", "idp-" + i).increment();
        }
        registry.counter("logins", "idp", "idp-0").increment();
        registry.counter("other", "idp", "x").increment();

        assertThat(registry.find("logins").counters()).hasSize(3);
        assertThat(registry.get("logins").tag("idp", "idp-0").counter().count()).isEqualTo(2.0);
        assertThat(registry.find("other").counters()).hasSize(1);
    }
}
