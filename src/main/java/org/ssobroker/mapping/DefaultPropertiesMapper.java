package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;

/** Fills what the claims left empty from the IdP's default user properties. */
@ApplicationScoped
public class DefaultPropertiesMapper implements ClaimMapper {

    @Override
    public String id() {
        return "default-properties";
    }

    @Override
    public String label() {
        return "Default user properties";
    }

    @Override
    public String helpText() {
        return "Access right, portal page, skin, dashboard theme, language and custom attributes for what the "
                + "claims do not set.";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity) {
        DefaultUserProperties defaults = rules.defaults();
        if (identity.accessRight == null) {
            identity.accessRight = defaults.accessRight();
        }
        identity.portalPage = defaults.portalPage();
        identity.skin = defaults.skin();
        identity.dashboardTheme = defaults.dashboardTheme();
        identity.language = defaults.language();
        if (defaults.attributes() != null) {
            defaults.attributes().forEach((key, value) -> {
                if (value != null) {
                    identity.attributes.putIfAbsent(key, value);
                }
            });
        }
    }
}
