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
        return toBuilder().clientSecret(secret).build();
    }

    /** These settings with the endpoints a discovery (or the admin) gives. */
    public OidcSettings withEndpoints(Endpoints endpoints) {
        return toBuilder().issuer(endpoints.issuer()).jwksUri(endpoints.jwksUri())
                .authorizationUrl(endpoints.authorizationUrl()).tokenUrl(endpoints.tokenUrl())
                .userInfoUrl(endpoints.userInfoUrl()).build();
    }

    /** The five endpoints, which discovery fills and which are read-only while a config URL is set. */
    public Endpoints endpoints() {
        return new Endpoints(issuer, jwksUri, authorizationUrl, tokenUrl, userInfoUrl);
    }

    public record Endpoints(String issuer, String jwksUri, String authorizationUrl, String tokenUrl,
            String userInfoUrl) {

        /** The JSON names of the endpoint fields. */
        public static final java.util.List<String> FIELDS =
                java.util.List.of("issuer", "jwksUri", "authorizationUrl", "tokenUrl", "userInfoUrl");

        /** The endpoint of this JSON name. */
        public String get(String field) {
            return switch (field) {
                case "issuer" -> issuer;
                case "jwksUri" -> jwksUri;
                case "authorizationUrl" -> authorizationUrl;
                case "tokenUrl" -> tokenUrl;
                case "userInfoUrl" -> userInfoUrl;
                default -> throw new IllegalArgumentException("not an endpoint: " + field);
            };
        }

        /** Endpoints from JSON name to value (a missing name is null). */
        public static Endpoints of(java.util.Map<String, String> values) {
            return new Endpoints(values.get("issuer"), values.get("jwksUri"), values.get("authorizationUrl"),
                    values.get("tokenUrl"), values.get("userInfoUrl"));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().type(type).configUrl(configUrl).issuer(issuer).jwksUri(jwksUri)
                .authorizationUrl(authorizationUrl).tokenUrl(tokenUrl).userInfoUrl(userInfoUrl).clientId(clientId)
                .clientSecret(clientSecret).scopes(scopes).externalUserIdAttribute(externalUserIdAttribute).pkce(pkce);
    }

    /** Builds settings by name: adding a field touches this record and its builder, not every caller. */
    public static final class Builder {
        private String type;
        private String configUrl;
        private String issuer;
        private String jwksUri;
        private String authorizationUrl;
        private String tokenUrl;
        private String userInfoUrl;
        private String clientId;
        private String clientSecret;
        private List<String> scopes;
        private String externalUserIdAttribute;
        private Boolean pkce;

        private Builder() {
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        public Builder configUrl(String value) {
            configUrl = value;
            return this;
        }

        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        public Builder jwksUri(String value) {
            jwksUri = value;
            return this;
        }

        public Builder authorizationUrl(String value) {
            authorizationUrl = value;
            return this;
        }

        public Builder tokenUrl(String value) {
            tokenUrl = value;
            return this;
        }

        public Builder userInfoUrl(String value) {
            userInfoUrl = value;
            return this;
        }

        public Builder clientId(String value) {
            clientId = value;
            return this;
        }

        public Builder clientSecret(String value) {
            clientSecret = value;
            return this;
        }

        public Builder scopes(List<String> value) {
            scopes = value;
            return this;
        }

        public Builder externalUserIdAttribute(String value) {
            externalUserIdAttribute = value;
            return this;
        }

        public Builder pkce(Boolean value) {
            pkce = value;
            return this;
        }

        public OidcSettings build() {
            return new OidcSettings(type, configUrl, issuer, jwksUri, authorizationUrl, tokenUrl, userInfoUrl,
                    clientId, clientSecret, scopes, externalUserIdAttribute, pkce);
        }
    }

    /** Whether the IdP's endpoints (where the secret is sent, or where they are found) differ. */
    public boolean endpointsDifferFrom(OidcSettings other) {
        return !java.util.Objects.equals(configUrl, other.configUrl) || !java.util.Objects.equals(issuer, other.issuer)
                || !java.util.Objects.equals(authorizationUrl, other.authorizationUrl)
                || !java.util.Objects.equals(tokenUrl, other.tokenUrl);
    }
}
