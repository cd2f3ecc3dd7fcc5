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
}
