package org.ssobroker.token;

/** Body of provisionByOpenIdToken: the id_token the app got from the IdP. */
public record ProvisionByOpenIdTokenRequest(String openIdToken) {
}
