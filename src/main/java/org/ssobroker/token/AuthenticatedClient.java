package org.ssobroker.token;

import java.util.List;
import java.util.Set;

/** A client that proved its secret at the token endpoint, with what it may ask for. */
public record AuthenticatedClient(String clientId, Set<String> scopes, List<String> grantTypes) {
}
