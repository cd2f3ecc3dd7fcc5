package org.ssobroker.token;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A client app as answered; {@code clientSecret} appears only in the 201 that created it. */
public record ClientAppView(
        String clientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
        List<String> scopes,
        List<String> grantTypes,
        List<String> redirectUris,
        Instant createdAt,
        Instant updatedAt) {

    static ClientAppView of(ClientApp app, String newSecret) {
        return new ClientAppView(app.clientId, newSecret, app.scopes, app.grantTypes, app.redirectUris,
                app.createdAt, app.updatedAt);
    }
}
