package org.ssobroker.support;

/**
 * An error of the OAuth endpoints, answered in RFC 6749 section 5.2 form:
 * {@code {"error": "...", "error_description": "..."}}.
 */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final String challenge;

    public OAuthException(int status, String error, String description) {
        this(status, error, description, status == 401 ? "Basic realm=\"sso-broker\"" : null);
    }

    private OAuthException(int status, String error, String description, String challenge) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.challenge = challenge;
    }

    /** RFC 6750: a bearer token (or an IdP id_token given to us) is invalid. */
    public static OAuthException invalidToken(String description) {
        return new OAuthException(401, "invalid_token", description,
                "Bearer realm=\"sso-broker\", error=\"invalid_token\"");
    }

    /** RFC 6750: the bearer token lacks the scope this resource needs. */
    public static OAuthException insufficientScope(String scope) {
        return new OAuthException(403, "insufficient_scope", "The access token needs scope " + scope + ".",
                "Bearer realm=\"sso-broker\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The WWW-Authenticate value, or null. */
    public String challenge() {
        return challenge;
    }
}
