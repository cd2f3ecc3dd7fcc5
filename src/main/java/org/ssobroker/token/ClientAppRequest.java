package org.ssobroker.token;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.ssobroker.support.StringListDeserializer;

import java.util.List;

/** Body of {@code PUT /api/sites/{site}/client-apps/{clientId}}; answers' read-only fields are ignored. */
@JsonIgnoreProperties({"clientId", "clientSecret", "createdAt", "updatedAt"})
public record ClientAppRequest(
        @JsonDeserialize(using = StringListDeserializer.class) List<String> scopes,
        @JsonDeserialize(using = StringListDeserializer.class) List<String> grantTypes,
        List<String> redirectUris) {
}
