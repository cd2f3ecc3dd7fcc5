package org.ssobroker.console;

import io.quarkus.csrf.reactive.runtime.CsrfRequestResponseReactiveFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * quarkus-rest-csrf's filter, for the console only. The extension checks every form posted to
 * any endpoint, but the token endpoint, the OpenID endpoints and the login pages take forms from
 * apps and browsers that never saw the console (and carry no cookie a forged form could ride on),
 * so this CDI alternative of its filter bean runs the extension's double-submit check under
 * {@code /console} and nowhere else.
 */
@Alternative
@Priority(1)
@Singleton
public class ConsoleCsrfFilter extends CsrfRequestResponseReactiveFilter {

    @Override
    public void filter(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        if (ConsolePaths.isConsole(routing.normalizedPath())) {
            super.filter(request, routing);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        if (ConsolePaths.isConsole(routing.normalizedPath())) {
            super.filter(request, response, routing);
        }
    }
}
