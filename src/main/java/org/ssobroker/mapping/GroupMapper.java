package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Every claim value the group mapping table knows adds its groups (one value may name several). */
@ApplicationScoped
public class GroupMapper implements ClaimMapper {

    @Override
    public String id() {
        return "groups";
    }

    @Override
    public String label() {
        return "User-group mapping";
    }

    @Override
    public String helpText() {
        return "Reads the claim (an array such as cognito:groups, or a comma-separated string) and adds the local "
                + "groups the mapping table gives for each value. These groups are replaced at every login.";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity) {
        ClaimValueMapping mapping = rules.groupMapping();
        if (mapping == null) {
            return;
        }
        if (claims.unavailable(mapping.claim())) {
            // Never read "could not be fetched" as "no groups": the stored IdP groups stay.
            identity.keepIdpGroups = true;
            identity.notes.add("claim '" + mapping.claim() + "' could not be read from the IdP this time; "
                    + "the groups from the IdP are kept as they were");
            return;
        }
        List<String> values = claims.values(mapping.claim());
        if (values.isEmpty()) {
            identity.notes.add("claim '" + mapping.claim() + "' was not sent; no groups from the IdP");
        }
        for (String value : values) {
            for (MappingRule rule : mapping.rules()) {
                if (rule.key().equals(value)) {
                    identity.idpGroups.addAll(rule.values());
                }
            }
        }
    }
}
