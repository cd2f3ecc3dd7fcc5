package org.ssobroker.mapping;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local user an IdP login maps to: what provisioning writes (by provisioning/ProvisioningRule).
 * {@code idpGroups} come from the IdP's claims and are replaced at every login (null: they could
 * not be read this time, and the stored ones stay); {@code defaultGroups} come from the IdP's
 * configuration. {@code email} is set only when the IdP verified it (or is trusted to).
 * {@code issuer} and {@code subject} bind the IdP link. {@code notes} explain what the mapping skipped (shown by test connection).
 */
public record MappedIdentity(
        String externalUserId,
        String issuer,
        String subject,
        String login,
        String email,
        String name,
        String firstName,
        String lastName,
        String accessRight,
        Set<String> idpGroups,
        Set<String> defaultGroups,
        String portalPage,
        String skin,
        String dashboardTheme,
        String language,
        Map<String, String> attributes,
        String hostedDomain,
        List<String> notes) {
}
