package org.ssobroker.login;

import org.ssobroker.token.CodeRequest;

/**
 * What the browser asked for when it started a login: where to go afterwards (an allowed
 * redirect URL, or none), whether this is a test connection, and what the code handed to the app
 * is bound to (client, state, and for an OpenID request nonce, scope and PKCE challenge; null
 * when no app asked). For a SAML IdP, the id of the AuthnRequest sent, which the response must
 * answer (InResponseTo). Kept in a sealed cookie across the IdP round trip.
 */
public record LoginIntent(String redirectUri, boolean test, CodeRequest request, String samlRequestId) {

    public LoginIntent(String redirectUri, boolean test, CodeRequest request) {
        this(redirectUri, test, request, null);
    }

    public LoginIntent(String redirectUri, boolean test) {
        this(redirectUri, test, null, null);
    }

    /** This intent, bound to the SAML AuthnRequest of this id. */
    public LoginIntent withSamlRequest(String requestId) {
        return new LoginIntent(redirectUri, test, request, requestId);
    }
}
