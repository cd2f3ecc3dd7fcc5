package org.ssobroker.support;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Quarkus applies every {@link MeterFilter} bean to its registries. */
public class MetricsSetup {

    @Produces
    @Singleton
    MeterFilter seriesCap(BrokerConfig config) {
        return new MetricSeriesCap(config.metricsMaxSeriesPerName());
    }
}
