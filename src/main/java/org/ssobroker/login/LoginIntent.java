package org.ssobroker.login;

import org.ssobroker.token.CodeRequest;

/**
 * What the browser asked for when it started a login: where to go afterwards (an allowed
 * redirect URL, or none), whether this is a test connection, and what the code handed to the app
 * is bound to (client, state, and for an OpenID request nonce, scope and PKCE challenge; null
 * when no app asked). Kept in a sealed cookie across the IdP round trip.
 */
public record LoginIntent(String redirectUri, boolean test, CodeRequest request) {

    public LoginIntent(String redirectUri, boolean test) {
        this(redirectUri, test, null);
    }
}
