package org.ssobroker.token;

/**
 * Body of provisionByOpenIdToken: the id_token the app got from the IdP, and optionally the user's
 * upstream access token, with which the broker reads the IdP's userinfo (claims the IdP puts only
 * there map as on the browser path).
 */
public record ProvisionByOpenIdTokenRequest(String openIdToken, String accessToken) {
}
