package org.ssobroker.idp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.ssobroker.mapping.AttributeMapping;
import org.ssobroker.mapping.DefaultUserProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.ssobroker.support.StringListDeserializer;

import java.util.List;

/**
 * The IdP document of DESIGN.md: what CI sends with {@code PUT}, and what the wizard builds
 * step by step. The read-only fields of answers ({@link IdpView}) are accepted and ignored so
 * that CI can read, edit and put back.
 */
@JsonIgnoreProperties({"callbackUrl", "authorizationBaseUrl", "clientSecretSet", "warnings", "createdAt",
        "updatedAt", "acsUrl", "spEntityId"})
@RegisterForReflection // also stored in wizard drafts (JSON column)
public record IdpDocument(
        String nameId,
        String displayName,
        String authMethod,
        @JsonDeserialize(using = StringListDeserializer.class) List<String> emailDomains,
        String loginUrl,
        Boolean hideLoginButton,
        List<String> allowedRedirectUrls,
        OidcSettings oidc,
        SamlSettings saml,
        List<AttributeMapping> attributeMappings,
        ValueMappingSettings accessRightMapping,
        ValueMappingSettings groupMapping,
        DefaultUserProperties defaultUserProperties,
        List<String> defaultGroups,
        WelcomeSettings welcome,
        Boolean trustUnverifiedEmail,
        GroupOverageSettings groupOverage) {

    /** This document without the client secret (drafts and answers never hold it). */
    public IdpDocument withoutSecret() {
        return oidc == null ? this : withOidc(oidc.withoutSecret());
    }

    /** This document with this client secret (none when there are no OIDC settings). */
    public IdpDocument withClientSecret(String secret) {
        return oidc == null ? this : withOidc(oidc.withClientSecret(secret));
    }

    /** This document with other OIDC settings. */
    public IdpDocument withOidc(OidcSettings settings) {
        return new IdpDocument(nameId, displayName, authMethod, emailDomains, loginUrl, hideLoginButton,
                allowedRedirectUrls, settings, saml, attributeMappings, accessRightMapping, groupMapping,
                defaultUserProperties, defaultGroups, welcome, trustUnverifiedEmail, groupOverage);
    }

    /** This document with other SAML settings. */
    public IdpDocument withSaml(SamlSettings settings) {
        return new IdpDocument(nameId, displayName, authMethod, emailDomains, loginUrl, hideLoginButton,
                allowedRedirectUrls, oidc, settings, attributeMappings, accessRightMapping, groupMapping,
                defaultUserProperties, defaultGroups, welcome, trustUnverifiedEmail, groupOverage);
    }

    /** Whether this document's IdP signs users in over SAML 2.0 (blank or anything else is OIDC). */
    public boolean usesSaml() {
        return authMethod != null && authMethod.trim().equalsIgnoreCase(RegisteredIdp.SAML);
    }
}
