package org.ssobroker.security;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.OAuthExceptionMapper;
import org.ssobroker.support.Problem;

import java.util.List;

/** A refused {@code @PermissionsAllowed}: 403 naming the scope that was missing, in each API's form. */
public class AccessDeniedMapper {

    private final CallerContext callers;

    public AccessDeniedMapper(CallerContext callers) {
        this.callers = callers;
    }

    @ServerExceptionMapper
    public Response denied(ForbiddenException e, UriInfo uri) {
        String scope = callers.missingScope().orElse("another scope");
        if (!uri.getPath().startsWith("/api/")) {
            return new OAuthExceptionMapper().map(OAuthException.insufficientScope(scope));
        }
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Forbidden", 403,
                        "This token may not do this: it needs scope " + scope + ".", List.of()))
                .build();
    }
}
