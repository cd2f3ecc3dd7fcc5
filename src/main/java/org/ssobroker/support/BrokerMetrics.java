package org.ssobroker.support;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The broker's Prometheus counters, per site and IdP where that applies. Outcomes are a small
 * fixed vocabulary so series stay bounded by the number of IdPs.
 */
@ApplicationScoped
public class BrokerMetrics {

    /** The site and idp tag of events that name no existing IdP. */
    public static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    public BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The two ways in, each with its counter. */
    public enum LoginFlow {
        BROWSER("sso_broker_logins"), EXCHANGE("sso_broker_exchanges");

        private final String metric;

        LoginFlow(String metric) {
            this.metric = metric;
        }
    }

    /** Browser logins: success, test, expired, idp_error, and the outcomes of {@link #refused}. */
    public void login(String site, String idp, String outcome) {
        count(LoginFlow.BROWSER, site, idp, outcome);
    }

    /**
     * A refused login or exchange, counted in its flow's counter with the outcome its reason's kind
     * names: invalid_token (the IdP's token or answer), refused (the user), unavailable (the IdP).
     */
    public void refused(LoginFlow flow, String site, String idp, LoginRefusal refusal) {
        count(flow, site, idp, switch (refusal.reason().kind()) {
            case TOKEN -> "invalid_token";
            case POLICY -> "refused";
            case UNAVAILABLE -> "unavailable";
        });
    }

    /**
     * A login event named by a request path: tagged with its site and IdP only when that IdP
     * exists, so made-up paths create no series.
     */
    public void loginAt(boolean idpExists, String site, String idp, String outcome) {
        login(idpExists ? site : UNKNOWN, idpExists ? idp : UNKNOWN, outcome);
    }

    /** Token exchanges: success, and the outcomes of {@link #refused}. */
    public void exchange(String site, String idp, String outcome) {
        count(LoginFlow.EXCHANGE, site, idp, outcome);
    }

    private void count(LoginFlow flow, String site, String idp, String outcome) {
        registry.counter(flow.metric, "site", site, "idp", idp, "outcome", outcome).increment();
    }

    /** Provisioning: created, updated, refused_domain. */
    public void provisioning(String site, String idp, String outcome) {
        registry.counter("sso_broker_provisioning", "site", site, "idp", idp, "outcome", outcome).increment();
    }

    /** Mapping: mapped, refused (no external user id, ...). */
    public void mapping(String site, String idp, String outcome) {
        registry.counter("sso_broker_mapping", "site", site, "idp", idp, "outcome", outcome).increment();
    }

    /** Calls to an IdP's endpoints on a user's behalf (userinfo, Graph): count by outcome, and latency. */
    public void upstreamCall(String site, String idp, String endpoint, String outcome, long nanos) {
        registry.timer("sso_broker_upstream_calls", "site", site, "idp", idp, "endpoint", endpoint,
                "outcome", outcome).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void jwksFetch(String site, String idp) {
        registry.counter("sso_broker_jwks_fetches", "site", site, "idp", idp).increment();
    }

    public void discoveryFailure() {
        registry.counter("sso_broker_discovery_failures").increment();
    }
}
