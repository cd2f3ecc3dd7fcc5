package org.ssobroker.token;

import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** The verified caller of the current request, set by {@link BearerTokenFilter}. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    /**
     * The caller of an apps' API ({@code /rest/*}) holding {@code scope}.
     *
     * @throws OAuthException invalid_token without a caller, insufficient_scope without the scope
     */
    public Caller requireScope(String scope) {
        Caller found = caller().orElseThrow(() -> OAuthException.invalidToken("A bearer token is required."));
        if (!found.has(scope)) {
            throw OAuthException.insufficientScope(scope);
        }
        return found;
    }
}
