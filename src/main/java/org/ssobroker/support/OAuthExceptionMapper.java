package org.ssobroker.support;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** RFC 6749/6750 error objects; always answers (see {@link ErrorAnswers}). */
public class OAuthExceptionMapper {

    @ServerExceptionMapper
    public Response map(OAuthException e) {
        return ErrorAnswers.safely(ErrorAnswers.Family.OAUTH, e, () -> render(e));
    }

    static Response render(OAuthException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(new OAuthError(e.error(), e.getMessage()));
        if (e.challenge() != null) {
            // The challenge may echo a scope built from the path: never let a control character reach a header.
            response.header(HttpHeaders.WWW_AUTHENTICATE, ControlCharacters.blanked(e.challenge()));
        }
        return response.build();
    }
}
