package org.ssobroker.token;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.ssobroker.support.StringListDeserializer;

import java.util.List;

/**
 * Body of {@code PUT /api/sites/{site}/client-apps/{clientId}}; answers' read-only fields are
 * ignored. The OpenID Provider fields ({@code public}, {@code loginUrl}, {@code userinfoResponse},
 * {@code jwks}, {@code jwksUri}, {@code postLogoutRedirectUris}, {@code idTokenSignedResponseAlg}) are
 * optional.
 */
@JsonIgnoreProperties({"clientId", "clientSecret", "createdAt", "updatedAt"})
public record ClientAppRequest(
        @JsonDeserialize(using = StringListDeserializer.class) List<String> scopes,
        @JsonDeserialize(using = StringListDeserializer.class) List<String> grantTypes,
        List<String> redirectUris,
        @JsonProperty("public") Boolean publicClient,
        String loginUrl,
        String userinfoResponse,
        JsonNode jwks,
        String jwksUri,
        List<String> postLogoutRedirectUris,
        String idTokenSignedResponseAlg) {

    public ClientAppRequest(List<String> scopes, List<String> grantTypes, List<String> redirectUris) {
        this(scopes, grantTypes, redirectUris, null, null, null, null, null, null, null);
    }
}
