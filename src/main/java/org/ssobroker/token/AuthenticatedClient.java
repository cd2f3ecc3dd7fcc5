package org.ssobroker.token;

import java.util.List;
import java.util.Set;

/** A client that proved its secret at the token endpoint, with what it may ask for. */
/** {@code siteKey} is null for the platform admin client. */
public record AuthenticatedClient(String clientId, String siteKey, Set<String> scopes, List<String> grantTypes,
        List<String> redirectUris) {
}
