package org.ssobroker.token;

import java.util.Set;

/** Who sent a request, as proven by a verified broker access token. */
public record Caller(String subject, String clientId, Set<String> scopes) {

    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
