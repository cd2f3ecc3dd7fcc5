package org.ssobroker.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who sent a request, as proven by a verified broker access token. {@code site} is set on
 * user tokens (the subject is then the user id).
 */
public record Caller(String subject, String clientId, String site, Set<String> scopes) {

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** The caller behind a verified broker token (smallrye-jwt's principal), if that is what it is. */
    static Optional<Caller> of(Object principal) {
        if (!(principal instanceof JsonWebToken token) || token.getSubject() == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(token.getSubject(), token.getClaim(BrokerClaims.CLIENT_ID),
                token.getClaim(BrokerClaims.SITE), Scopes.parse(token.getClaim(BrokerClaims.SCOPE))));
    }
}
