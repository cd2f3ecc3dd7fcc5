package org.ssobroker.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.ssobroker.support.OAuthException;

/**
 * Test-only endpoints that fail in the ways a mapper can trip over, one per endpoint family
 * ({@code /api}, {@code /rest}, {@code /oauth}; {@code /site} in {@link FailingSiteResource}). Hidden from the OpenAPI
 * document, so the fuzz suite does not count their deliberate 500s.
 */
@Path("/")
public class FailingResource {

    @GET
    @Path("{family: api|rest|oauth}/test-failures/{kind}")
    @Operation(hidden = true)
    public String fail(@PathParam("family") String family, @PathParam("kind") String kind) {
        throw failure(kind);
    }

    static RuntimeException failure(String kind) {
        return switch (kind) {
            case "unrenderable-problem" -> new ErrorAnswersTest.UnrenderableProblem();
            case "unrenderable-oauth" -> new ErrorAnswersTest.UnrenderableOAuthError();
            case "crlf-challenge" -> OAuthException.insufficientScope("site_a\r\nSet-Cookie: stolen=1");
            case "refused-user" -> new LoginRefusal(LoginRefusal.Reason.EMAIL_DOMAIN, "eve@evil.example may not sign in.");
            case "refused-token" -> new LoginRefusal(LoginRefusal.Reason.INVALID_TOKEN, "the id_token expired");
            case "refused-upstream" -> new LoginRefusal(LoginRefusal.Reason.UPSTREAM_UNAVAILABLE, "The IdP is down.");
            default -> new IllegalStateException("deliberate failure for " + kind);
        };
    }
}
