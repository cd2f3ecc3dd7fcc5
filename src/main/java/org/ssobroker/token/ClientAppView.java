package org.ssobroker.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;

/** A client app as answered; {@code clientSecret} appears only in the 201 that created it. */
public record ClientAppView(
        String clientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
        List<String> scopes,
        List<String> grantTypes,
        List<String> redirectUris,
        @JsonProperty("public") boolean publicClient,
        @JsonInclude(JsonInclude.Include.NON_NULL) String loginUrl,
        String userinfoResponse,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode jwks,
        @JsonInclude(JsonInclude.Include.NON_NULL) String jwksUri,
        List<String> postLogoutRedirectUris,
        String idTokenSignedResponseAlg,
        Instant createdAt,
        Instant updatedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ClientAppView of(ClientApp app, String newSecret) {
        return new ClientAppView(app.clientId, newSecret, app.scopes, app.grantTypes, app.redirectUris,
                app.publicClient, app.loginUrl, app.userinfoResponse, jwks(app.jwks), app.jwksUri,
                app.postLogoutRedirectUris, app.idTokenSignedResponseAlg, app.createdAt, app.updatedAt);
    }

    private static JsonNode jwks(String stored) {
        try {
            return stored == null ? null : JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            // Validated when written; an unreadable value is shown as absent rather than failing the answer.
            return null;
        }
    }
}
