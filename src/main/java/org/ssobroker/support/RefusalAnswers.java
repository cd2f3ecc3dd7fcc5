package org.ssobroker.support;

import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The one renderer per channel of a {@link LoginRefusal}: the browser's page, the exchange's
 * RFC 6749 error, the admin API's problem+json. A flow that knows its channel calls its renderer
 * (the login callback, the exchange); {@link ProblemMappers} calls them for a refusal no flow answered.
 */
public final class RefusalAnswers {

    /** What the exchange endpoint calls a token it refuses. */
    public enum TokenError {
        /** RFC 6750 {@code invalid_token} (401): the REST endpoint, where the id_token is the credential. */
        INVALID_TOKEN,
        /** RFC 8693 section 2.2.2 {@code invalid_request} (400): the token grant's subject_token. */
        INVALID_REQUEST
    }

    private RefusalAnswers() {
    }

    /**
     * The browser's page. A refused token offers a new sign-in ({@code retryHref}, null for none);
     * a refused user does not (signing in again changes nothing).
     */
    public static Response page(LoginRefusal refusal, ErrorPages pages, String retryHref) {
        String message = refusal.getMessage();
        return switch (refusal.reason().kind()) {
            case TOKEN -> pages.message(401, "Sign-in refused", "The identity provider's "
                    + (refusal.reason() == LoginRefusal.Reason.INVALID_TOKEN ? "token" : "answer") + " was refused: "
                    + message + ".", null, retryHref);
            case POLICY -> pages.message(403, refusal.reason() == LoginRefusal.Reason.EMAIL_DOMAIN ? "Access denied"
                    : "Sign-in refused", message, null, null);
            case UNAVAILABLE -> pages.message(503, "Sign-in failed", message + " Nothing was changed; try again later.",
                    null, retryHref);
        };
    }

    /** The RFC 6749 error of the exchange: the refused token as {@code tokenError}, a refused user access_denied. */
    public static OAuthException oauth(LoginRefusal refusal, TokenError tokenError) {
        String message = refusal.getMessage();
        return switch (refusal.reason().kind()) {
            case TOKEN -> tokenError == TokenError.INVALID_TOKEN ? OAuthException.invalidToken(message)
                    : OAuthException.invalidRequest(message);
            case POLICY -> new OAuthException(403, "access_denied", message);
            case UNAVAILABLE -> new OAuthException(503, "temporarily_unavailable", message);
        };
    }

    /** problem+json, its {@code type} naming the reason ({@code urn:sso-broker:login-refused:<code>}). */
    public static Response problem(LoginRefusal refusal) {
        String type = "urn:sso-broker:login-refused:" + refusal.reason().code();
        Problem problem = switch (refusal.reason().kind()) {
            case TOKEN -> new Problem(type, "Unauthorized", 401, refusal.getMessage(), List.of());
            case POLICY -> new Problem(type, "Forbidden", 403, refusal.getMessage(), List.of());
            case UNAVAILABLE -> new Problem(type, "Service Unavailable", 503, refusal.getMessage(), List.of());
        };
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
