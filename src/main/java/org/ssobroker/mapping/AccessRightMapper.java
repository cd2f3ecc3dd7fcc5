package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.LoginRefusal;

import java.util.List;

/** The first claim value that the access-right mapping table knows gives the access right. */
@ApplicationScoped
public class AccessRightMapper implements ClaimMapper {

    @Override
    public String id() {
        return "access-right";
    }

    @Override
    public String label() {
        return "Access-right mapping";
    }

    @Override
    public String helpText() {
        return "Reads the claim (a string, a comma-separated string or an array) and maps the first value found "
                + "in the mapping table to a local access right. Without a match, the default access right applies.";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity) {
        ClaimValueMapping mapping = rules.accessRightMapping();
        if (mapping == null) {
            return;
        }
        if (claims.unavailable(mapping.claim())) {
            // The default access right would be a guess (a downgrade, or an upgrade): refuse instead.
            throw new LoginRefusal(LoginRefusal.Reason.CLAIM_UNAVAILABLE, "The access right is read from the claim '"
                    + mapping.claim()
                    + "', which could not be read from the identity provider this time. Try again later.");
        }
        List<String> values = claims.values(mapping.claim());
        for (String value : values) {
            for (MappingRule rule : mapping.rules()) {
                if (rule.key().equals(value) && !rule.values().isEmpty()) {
                    identity.accessRight = rule.values().get(0);
                    return;
                }
            }
        }
        identity.notes.add(values.isEmpty()
                ? "claim '" + mapping.claim() + "' was not sent; the default access right applies"
                : "no access-right mapping for " + values + "; the default access right applies");
    }
}
