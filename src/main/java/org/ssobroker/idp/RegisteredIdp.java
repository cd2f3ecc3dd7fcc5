package org.ssobroker.idp;

import org.ssobroker.mapping.MappingRules;
import org.ssobroker.support.Changed;

import java.util.List;

/**
 * An immutable snapshot of a stored IdP with what logins need (the client secret opened),
 * cached by {@link IdpDirectory} until the IdP changes. Never serialized: it holds a secret.
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
        OidcSettings oidc,
        MappingRules mappingRules,
        WelcomeSettings welcome,
        GroupOverageSettings groupOverage) {

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
