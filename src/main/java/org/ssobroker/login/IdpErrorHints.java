package org.ssobroker.login;

import java.util.Map;

/** What an admin should check for each error an IdP answers (from the IdP guides). */
public final class IdpErrorHints {

    private static final Map<String, String> HINTS = Map.of(
            "access_denied", "The sign-in was cancelled or the IdP refused it. If you did not cancel, ask your "
                    + "administrator whether your account may use this application and whether the requested scopes "
                    + "are allowed for the app client.",
            "invalid_request", "The IdP refused the request. Most often the callback URL registered at the IdP does "
                    + "not match the broker's callback URL exactly (scheme, host, no port, path, case).",
            "redirect_mismatch", "The callback URL registered at the IdP does not match the broker's callback URL "
                    + "exactly. Copy the callback URL from the IdP's settings in the broker into the IdP.",
            "unauthorized_client", "The IdP's app client may not use the authorization code flow. Enable the "
                    + "\"Authorization code grant\" for the app client at the IdP.",
            "invalid_scope", "The IdP does not allow one of the requested scopes for this app client. Enable the "
                    + "scopes (e.g. openid, email, profile) at the IdP or remove them from the IdP's settings here.",
            "invalid_client", "The IdP did not accept the broker's client credentials. Check the client id and "
                    + "client secret in the IdP's settings against the app client at the IdP.",
            "invalid_grant", "The IdP refused the authorization code: it expired, was already used, or the "
                    + "callback URL differs from the one of the authorization request. Try signing in again.",
            "server_error", "The IdP had an internal error. Try again later.",
            "temporarily_unavailable", "The IdP is temporarily unavailable. Try again later.");

    private static final String DEFAULT = "Check the IdP's settings in the broker (client id, client secret, "
            + "scopes) and that the callback URL is registered at the IdP exactly as shown there.";

    private IdpErrorHints() {
    }

    public static String hint(String error) {
        return error == null ? DEFAULT : HINTS.getOrDefault(error, DEFAULT);
    }
}
