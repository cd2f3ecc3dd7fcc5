package org.ssobroker.login;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.support.BrokerMetrics;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code flow that fails inside quarkus-oidc (the IdP's token endpoint refused the code or the
 * client, the id_token did not verify, the state cookie was lost) fails before any resource
 * runs. Answer it with the same error page and hint as an IdP error, never an empty 401. With
 * lazy authentication the failure reaches the REST layer (the mapper); a failure in the HTTP
 * layer still reaches the router's failure handler.
 */
public class LoginFailurePages {

    private static final Pattern OAUTH_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([A-Za-z0-9_]+)\"");

    private final LoginPages pages;
    private final BrokerMetrics metrics;
    private final IdpDirectory directory;

    public LoginFailurePages(LoginPages pages, BrokerMetrics metrics, IdpDirectory directory) {
        this.pages = pages;
        this.metrics = metrics;
        this.directory = directory;
    }

    void install(@Observes Router router) {
        router.route("/site/*").failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        Optional<String[]> callback = LoginPaths.callback(ctx.normalizedPath());
        if (callback.isEmpty() || ctx.response().headWritten()
                || !(failure instanceof AuthenticationCompletionException
                        || failure instanceof AuthenticationFailedException)) {
            ctx.next();
            return;
        }
        Response page = page(callback.get(), failure);
        ctx.response().setStatusCode(page.getStatus());
        page.getStringHeaders().forEach((name, values) -> ctx.response().putHeader(name, values));
        ctx.response().end((String) page.getEntity());
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, AuthenticationCompletionException.class})
    public Response mapped(RuntimeException failure, UriInfo uri) {
        Optional<String[]> callback = LoginPaths.callback(uri.getPath());
        if (callback.isPresent()) {
            return page(callback.get(), failure);
        }
        return pages.message(401, "Sign-in required", "This page needs a sign-in.", null, null);
    }

    private Response page(String[] callback, Throwable failure) {
        // Possibly on the IO thread: the cache only. An IdP that got this far was loaded into it by the resolver.
        metrics.loginAt(directory.cached(callback[0], callback[1]).isPresent(), callback[0], callback[1], "idp_error");
        String error = oauthError(failure).orElse(null);
        String text = error == null
                ? "The sign-in could not be completed. It may have taken too long, or been started in another browser."
                : "The identity provider refused to complete the sign-in: " + error + ".";
        return pages.message(error == null ? 401 : 502, "Sign-in failed", text, IdpErrorHints.hint(error),
                LoginPaths.authorizationPath(callback[0], callback[1]));
    }

    /** The OAuth error code the IdP answered, found in the failure's messages. */
    private static Optional<String> oauthError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher matcher = OAUTH_ERROR.matcher(t.getMessage());
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }
}
