package org.ssobroker.console;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The CSRF token quarkus-rest-csrf set for this request, for the page's forms. Null on pages
 * answered before its filter ran (the guard's refusals): those carry no form.
 */
@ApplicationScoped
public class CsrfTokens {

    /** Where quarkus-rest-csrf keeps the request's token. */
    private static final String KEY = "csrf_token";

    private final CurrentVertxRequest request;

    public CsrfTokens(CurrentVertxRequest request) {
        this.request = request;
    }

    public String current() {
        RoutingContext routing = request.getCurrent();
        return routing == null ? null : routing.get(KEY);
    }
}
