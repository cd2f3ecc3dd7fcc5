package org.ssobroker.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.OAuthExceptionMapper;
import org.ssobroker.support.Problem;

import java.util.List;

/**
 * Requires a broker access token on the admin API ({@code /api/*}, answering problem+json) and
 * on the apps' API ({@code /rest/*}, answering RFC 6750 errors), before routing. The token is
 * verified by quarkus-smallrye-jwt's MP-JWT mechanism (see {@link BrokerTokenPrincipals}); this
 * only triggers that (authentication is lazy: quarkus-oidc's code flow shares the HTTP layer)
 * and answers its failure in each API's own form. Which scope a request needs is declared on
 * the resources ({@link Permissions}).
 */
public class BearerAuthentication {

    private final CurrentIdentityAssociation identities;

    public BearerAuthentication(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean admin = path.startsWith("/api/");
        if (!admin && !path.startsWith("/rest/")) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().item(unauthorized(admin, "A bearer access token from /oauth/token is required.",
                    false));
        }
        return identities.getDeferredIdentity().onItemOrFailure().transform((identity, failure) -> {
            if (failure == null) {
                return authenticated(identity) ? null
                        : unauthorized(admin, "A bearer access token from /oauth/token is required.", false);
            }
            if (failure instanceof AuthenticationFailedException) {
                return unauthorized(admin, "The access token is invalid, expired or revoked.", true);
            }
            // Not the token's fault (e.g. the database is unreachable while checking revocation).
            return Response.status(503).type("application/json").header(HttpHeaders.RETRY_AFTER, "5")
                    .entity(java.util.Map.of("error", "temporarily_unavailable",
                            "error_description", "The token cannot be checked right now; retry shortly."))
                    .build();
        });
    }

    private static boolean authenticated(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous() && Caller.of(identity.getPrincipal()).isPresent();
    }

    private static Response unauthorized(boolean admin, String detail, boolean invalid) {
        if (!admin) {
            return new OAuthExceptionMapper().map(OAuthException.invalidToken(detail));
        }
        String challenge = invalid ? "Bearer realm=\"sso-broker\", error=\"invalid_token\"" : "Bearer realm=\"sso-broker\"";
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Unauthorized", 401, detail, List.of()))
                .build();
    }
}
