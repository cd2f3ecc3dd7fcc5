package org.ssobroker.support;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.quarkus.logging.Log;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backstop against unbounded metric series: at most {@code maxPerName} series (tag
 * combinations) per meter name; later ones are denied (they become no-ops) and logged once per
 * name. Tags are bounded by construction (known IdPs, templated paths): this only guards against
 * a mistake. Memory is bounded too: it remembers at most the series it admitted.
 */
public final class MetricSeriesCap implements MeterFilter {

    private final int maxPerName;
    private final Map<String, Set<Meter.Id>> admitted = new ConcurrentHashMap<>();
    private final Set<String> full = ConcurrentHashMap.newKeySet();

    public MetricSeriesCap(int maxPerName) {
        this.maxPerName = maxPerName;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        Set<Meter.Id> series = admitted.computeIfAbsent(id.getName(), name -> ConcurrentHashMap.newKeySet());
        if (series.contains(id)) {
            return MeterFilterReply.NEUTRAL;
        }
        synchronized (series) {
            if (series.size() >= maxPerName) {
                if (full.add(id.getName())) {
                    Log.warnf("Metric %s reached %d series; new ones are dropped", id.getName(), maxPerName);
                }
                return MeterFilterReply.DENY;
            }
            series.add(id);
            return MeterFilterReply.NEUTRAL;
        }
    }
}
