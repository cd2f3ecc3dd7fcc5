package org.ssobroker.support;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every answer of the public port, whoever produces it (JAX-RS, quarkus-oidc's
 * redirects, errors): no Referer leaves a login page (its URLs carry codes and state), and
 * browsers keep to https once they saw the broker over https.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean https;

    public SecurityHeaders(PublicUrls urls) {
        this.https = urls.https();
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            rc.response().putHeader("Referrer-Policy", "no-referrer");
            if (https) {
                rc.response().putHeader("Strict-Transport-Security", HSTS);
            }
            rc.next();
        }, 100);
    }
}
