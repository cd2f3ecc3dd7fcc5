package org.ssobroker.idp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.ssobroker.support.StringListDeserializer;

import java.util.List;

/**
 * The OpenID Connect part of an IdP document. {@code clientSecret} is write-only: answers
 * never carry it (they say {@code clientSecretSet} instead).
 */
@RegisterForReflection // also stored in wizard drafts (JSON column)
public record OidcSettings(
        String type,
        String configUrl,
        String issuer,
        String jwksUri,
        String authorizationUrl,
        String tokenUrl,
        String userInfoUrl,
        String clientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
        @JsonDeserialize(using = StringListDeserializer.class) List<String> scopes,
        String externalUserIdAttribute,
        Boolean pkce) {

    public OidcSettings withoutSecret() {
        return withClientSecret(null);
    }

    public OidcSettings withClientSecret(String secret) {
        return new OidcSettings(type, configUrl, issuer, jwksUri, authorizationUrl, tokenUrl, userInfoUrl,
                clientId, secret, scopes, externalUserIdAttribute, pkce);
    }

    /** Whether the IdP's endpoints (where the secret is sent, or where they are found) differ. */
    public boolean endpointsDifferFrom(OidcSettings other) {
        return !java.util.Objects.equals(configUrl, other.configUrl) || !java.util.Objects.equals(issuer, other.issuer)
                || !java.util.Objects.equals(authorizationUrl, other.authorizationUrl)
                || !java.util.Objects.equals(tokenUrl, other.tokenUrl);
    }
}
