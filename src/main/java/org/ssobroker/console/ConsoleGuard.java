package org.ssobroker.console;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.net.URI;
import java.util.Optional;

/**
 * Every console page except the sign-in pages needs a session; a page of a site needs a session
 * that may see that site (a platform operator, or a user of that site whose access right is still
 * one of its console access rights, read on every request so a demoted admin is out at once).
 * Runs after the path parameters were checked and after the CSRF check.
 */
public class ConsoleGuard {

    private final ConsoleSessions sessions;
    private final ConsoleDirectory directory;
    private final ConsoleCaller caller;
    private final ConsolePages pages;

    public ConsoleGuard(ConsoleSessions sessions, ConsoleDirectory directory, ConsoleCaller caller,
            ConsolePages pages) {
        this.sessions = sessions;
        this.directory = directory;
        this.caller = caller;
        this.pages = pages;
    }

    @ServerRequestFilter(priority = Priorities.USER + 200)
    public Response guard(ContainerRequestContext request, SimpleResourceInfo resource, HttpHeaders headers) {
        Class<?> type = resource.getResourceClass();
        if (type == null || !type.getPackageName().equals(ConsoleGuard.class.getPackageName())
                || type.isAnnotationPresent(SignedOutPage.class)) {
            return null;
        }
        Optional<ConsoleSession> session = Optional.ofNullable(headers.getCookies().get(ConsoleSessions.COOKIE))
                .map(Cookie::getValue).flatMap(sessions::open);
        if (session.isEmpty()) {
            return signInFirst(request);
        }
        String site = request.getUriInfo().getPathParameters().getFirst("site");
        if (site != null && !session.get().maySee(site)) {
            return pages.message(403, "Not your site", "You are signed in to the console of another site.", null);
        }
        if (!session.get().platform() && !directory.mayUseConsole(session.get().site(), session.get().userId())) {
            return Response.fromResponse(pages.message(403, "No console access", "Your access right no longer "
                    + "opens this site's console. Ask a site administrator.", null)).cookie(sessions.clear()).build();
        }
        Optional<ConsoleSession> slid = sessions.slide(session.get());
        caller.set(slid.orElse(session.get()), slid.isPresent());
        return null;
    }

    /** A slid session goes back to the browser: its idle clock restarts. */
    @ServerResponseFilter
    public void slide(ContainerResponseContext response) {
        if (caller.present() && caller.slid()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, sessions.cookie(caller.session()));
        }
    }

    private Response signInFirst(ContainerRequestContext request) {
        String target = ConsolePaths.ROOT + "/sign-in";
        if ("true".equals(request.getHeaderString("HX-Request"))) {
            // htmx follows this header with a full page load.
            return Response.status(401).header("HX-Redirect", target).build();
        }
        if ("GET".equals(request.getMethod())) {
            String next = request.getUriInfo().getRequestUri().getRawPath()
                    + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                    : "?" + request.getUriInfo().getRequestUri().getRawQuery());
            return Response.seeOther(URI.create(target + (ConsolePaths.safeNext(next) == null ? ""
                    : "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)))).build();
        }
        return pages.message(401, "Signed out", "Your console session ended (30 minutes without activity, or signed "
                + "out). Sign in again; nothing was changed.", target);
    }
}
