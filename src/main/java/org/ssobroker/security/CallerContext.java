package org.ssobroker.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.ssobroker.support.OAuthException;

import java.util.Optional;

/**
 * The verified caller of the current request: the broker token smallrye-jwt verified. Also
 * remembers which scope a refused permission needed, so the refusal can name it.
 */
@RequestScoped
public class CallerContext {

    private final SecurityIdentity identity;
    private String missingScope;

    public CallerContext(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Optional<Caller> caller() {
        return identity.isAnonymous() ? Optional.empty() : Caller.of(identity.getPrincipal());
    }

    /** The caller; its token was required at the edge ({@link BearerAuthentication}). */
    public Caller require() {
        return caller().orElseThrow(() -> OAuthException.invalidToken("A bearer access token is required."));
    }

    void refusedFor(String scope) {
        this.missingScope = scope;
    }

    /** The scope the refused permission needed, if a permission check was refused. */
    public Optional<String> missingScope() {
        return Optional.ofNullable(missingScope);
    }
}
