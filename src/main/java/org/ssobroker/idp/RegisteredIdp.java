package org.ssobroker.idp;

import org.ssobroker.mapping.MappingRules;
import org.ssobroker.support.Changed;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of a stored IdP with what logins need (the client secret opened),
 * cached by {@link IdpDirectory} until the IdP changes. Never serialized: it holds a secret.
 * {@code oidc} is set for OIDC IdPs, {@code saml} (with when its metadata URL was last fetched)
 * for SAML IdPs; the other is null.
 */
public record RegisteredIdp(
        long id,
        String siteKey,
        String siteName,
        String nameId,
        String displayName,
        List<String> emailDomains,
        long loginUrlId,
        boolean hideLoginButton,
        List<String> allowedRedirectUrls,
        String authMethod,
        OidcSettings oidc,
        SamlSettings saml,
        Instant samlMetadataFetchedAt,
        MappingRules mappingRules,
        WelcomeSettings welcome,
        GroupOverageSettings groupOverage) {

    public static final String OIDC = "OIDC";
    public static final String SAML = "SAML";

    /** Whether users sign in over SAML 2.0 ({@link #saml()} is then set), not OpenID Connect. */
    public boolean usesSaml() {
        return SAML.equals(authMethod);
    }

    /** Whether a token pointing to Microsoft Graph for its groups (overage) is followed; see {@link GroupOverageSettings}. */
    public boolean readsOverageGroups() {
        return groupOverage != null;
    }

    /** The OpenID configuration URL's issuer base, or the configured issuer. */
    public String tenantId() {
        return tenantId(siteKey, nameId);
    }

    /** Site keys have no '_' and nameIds are alphanumeric: the id is unambiguous and cookie-safe. */
    public static String tenantId(String siteKey, String nameId) {
        return siteKey + "_" + nameId;
    }

    /** Whether a change concerns the cached IdP of this tenant id. */
    public static boolean concerns(Changed change, String tenantId) {
        int separator = tenantId.indexOf('_');
        return change.concernsIdp(tenantId.substring(0, separator), tenantId.substring(separator + 1));
    }

    @Override
    public String toString() {
        return "RegisteredIdp[" + tenantId() + "]";
    }
}
