package org.ssobroker.token;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.ssobroker.support.Problem;

import java.util.List;
import java.util.Optional;

/**
 * Requires a valid broker access token on the admin API ({@code /api/*}, answering
 * problem+json) and on the apps' API ({@code /rest/*}, answering RFC 6750 errors). Which scope
 * a request needs is the resource's business.
 */
public class BearerTokenFilter {

    private final BrokerTokenVerifier verifier;
    private final CallerContext callerContext;

    public BearerTokenFilter(BrokerTokenVerifier verifier, CallerContext callerContext) {
        this.verifier = verifier;
        this.callerContext = callerContext;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean admin = path.startsWith("/api/");
        if (!admin && !path.startsWith("/rest/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(admin ? unauthorized("A bearer access token from /oauth/token is required.", null)
                    : oauth(OAuthException.invalidToken("A bearer access token is required.")));
        }
        Optional<Caller> caller = verifier.verify(header.substring(7).trim());
        if (caller.isEmpty()) {
            return Optional.of(admin ? unauthorized("The access token is invalid or expired.", "invalid_token")
                    : oauth(OAuthException.invalidToken("The access token is invalid or expired.")));
        }
        callerContext.set(caller.get());
        return Optional.empty();
    }

    private static Response oauth(OAuthException e) {
        return new OAuthExceptionMapper().map(e);
    }

    private static Response unauthorized(String detail, String error) {
        String challenge = error == null ? "Bearer realm=\"sso-broker\""
                : "Bearer realm=\"sso-broker\", error=\"" + error + "\"";
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Unauthorized", 401, detail, List.of()))
                .build();
    }
}
