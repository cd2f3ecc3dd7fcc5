package org.ssobroker.outbound;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.ssobroker.support.BrokerConfig;

/** The policy and the fetcher, configured from {@code sso-broker.outbound.*}. */
public class OutboundBeans {

    @Produces
    @Singleton
    OutboundPolicy policy(BrokerConfig config) {
        return new OutboundPolicy(config.insecureAllowHttp(), config.outbound().allowPrivateAddresses(),
                HostResolver.SYSTEM);
    }

    @Produces
    @Singleton
    OutboundFetcher fetcher(OutboundPolicy policy, BrokerConfig config) {
        BrokerConfig.Outbound outbound = config.outbound();
        return new OutboundFetcher(policy, outbound.timeout(), outbound.maxBodyBytes(),
                outbound.maxConcurrentFetches());
    }
}
