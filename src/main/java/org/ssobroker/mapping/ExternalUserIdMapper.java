package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.LoginRefusal;

/** The claim that identifies the user at the IdP; without it there is no one to link. */
@ApplicationScoped
public class ExternalUserIdMapper implements ClaimMapper {

    private static final LoginRefusal.Reason UNUSABLE = LoginRefusal.Reason.UNUSABLE_EXTERNAL_ID;

    @Override
    public String id() {
        return "external-user-id";
    }

    @Override
    public String label() {
        return "External user id";
    }

    @Override
    public String helpText() {
        return "The claim whose value identifies the user at the IdP (default: email; Entra ID: oid; Google: sub). "
                + "A login without it is refused.";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity) {
        String claim = rules.externalUserIdClaim();
        identity.externalUserId = claims.text(claim).orElseThrow(() -> new LoginRefusal(UNUSABLE,
                "The identity provider did not send the '" + claim + "' claim, which identifies the user. "
                        + "Ask your administrator to release it to this application (scope or attribute "
                        + "permissions) or to choose another external user id attribute."));
        if (identity.externalUserId.length() > 500) {
            throw new LoginRefusal(UNUSABLE, "The '" + claim + "' claim is longer than 500 characters.");
        }
        identity.issuer = claims.text("iss").orElse(null);
        identity.subject = claims.text("sub").orElse(null);
    }
}
