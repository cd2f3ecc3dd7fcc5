package org.ssobroker.token;

import java.util.List;
import java.util.Set;

/**
 * A client that proved its secret at the token endpoint (or whose token was verified), with what
 * it may ask for. {@code siteKey} and {@code credentialId} are null for the platform admin client;
 * {@code credentialId} is the app's current credential, carried by every token issued to it.
 */
public record AuthenticatedClient(String clientId, String siteKey, String credentialId, Set<String> scopes,
        List<String> grantTypes, List<String> redirectUris, OpenIdSettings openId) {

    public AuthenticatedClient(String clientId, String siteKey, String credentialId, Set<String> scopes,
            List<String> grantTypes, List<String> redirectUris) {
        this(clientId, siteKey, credentialId, scopes, grantTypes, redirectUris, OpenIdSettings.NONE);
    }

    /** Refresh tokens go only to clients holding the refresh_token grant. */
    public boolean mayRefresh() {
        return grantTypes.contains(GrantTypes.REFRESH_TOKEN);
    }
}
