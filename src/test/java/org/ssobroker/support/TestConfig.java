package org.ssobroker.support;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.Map;

/** A {@link BrokerConfig} from given properties, for plain unit tests. */
public final class TestConfig {

    private TestConfig() {
    }

    public static BrokerConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(BrokerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(BrokerConfig.class);
    }
}
