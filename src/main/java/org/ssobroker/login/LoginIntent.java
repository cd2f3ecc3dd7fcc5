package org.ssobroker.login;

/**
 * What the browser asked for when it started a login: where to go afterwards (an allowed
 * redirect URL, or none) and whether this is a test connection. Kept in a sealed cookie
 * across the IdP round trip.
 */
public record LoginIntent(String redirectUri, boolean test) {
}
