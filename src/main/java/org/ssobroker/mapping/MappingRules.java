package org.ssobroker.mapping;

import java.util.List;

/** Everything an IdP's configuration says about turning its claims into a local user. */
public record MappingRules(
        String externalUserIdClaim,
        List<AttributeMapping> attributeMappings,
        ClaimValueMapping accessRightMapping,
        ClaimValueMapping groupMapping,
        DefaultUserProperties defaults,
        List<String> defaultGroups,
        boolean trustUnverifiedEmail) {

    /** Rules that count an email only when the IdP verified it (the default). */
    public MappingRules(String externalUserIdClaim, List<AttributeMapping> attributeMappings,
            ClaimValueMapping accessRightMapping, ClaimValueMapping groupMapping, DefaultUserProperties defaults,
            List<String> defaultGroups) {
        this(externalUserIdClaim, attributeMappings, accessRightMapping, groupMapping, defaults, defaultGroups, false);
    }

    public MappingRules {
        attributeMappings = attributeMappings == null ? List.of() : List.copyOf(attributeMappings);
        defaults = defaults == null ? DefaultUserProperties.none() : defaults;
        defaultGroups = defaultGroups == null ? List.of() : List.copyOf(defaultGroups);
    }
}
