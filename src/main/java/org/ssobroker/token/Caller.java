package org.ssobroker.token;

import java.util.Set;

/**
 * Who sent a request, as proven by a verified broker access token. {@code site} is set on
 * user tokens (the subject is then the user id).
 */
public record Caller(String subject, String clientId, String site, Set<String> scopes) {

    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
