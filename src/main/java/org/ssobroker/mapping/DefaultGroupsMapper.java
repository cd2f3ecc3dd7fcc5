package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;

/** The IdP's default groups: every user it provisions is in them, whatever the claims say. */
@ApplicationScoped
public class DefaultGroupsMapper implements ClaimMapper {

    @Override
    public String id() {
        return "default-groups";
    }

    @Override
    public String label() {
        return "Default user groups";
    }

    @Override
    public String helpText() {
        return "Groups every user of this IdP belongs to, in addition to the mapped groups.";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity) {
        identity.defaultGroups.addAll(rules.defaultGroups());
    }
}
