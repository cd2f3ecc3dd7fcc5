package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.LoginRefusal;

import java.util.Locale;

/**
 * An email counts only when the IdP vouches for it: {@code email_verified} true (a boolean, or
 * the string "true" as Amazon Cognito sends it), unless the IdP is configured to be trusted
 * ({@code trustUnverifiedEmail}). An unverified email is not stored, not used as login, not
 * checked against the domain allow-list and never mailed. When it would identify the user (the
 * external user id is the email), the login is refused: anyone who can set their own email at
 * the IdP would otherwise become the user who owns that address here.
 */
@ApplicationScoped
public class VerifiedEmailMapper implements ClaimMapper {

    @Override
    public String id() {
        return "verified-email";
    }

    @Override
    public String label() {
        return "Verified email";
    }

    @Override
    public String helpText() {
        return "Uses the email only when the IdP says it verified it (email_verified). A login identified by an "
                + "unverified email is refused. Turn on 'trust unverified email' only for an IdP whose users "
                + "cannot choose their email.";
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity) {
        identity.emailVerified = rules.trustUnverifiedEmail() || isTrue(claims.raw("email_verified").orElse(null));
        identity.hostedDomain = claims.text("hd").orElse(null);
        if (!identity.emailVerified && identifiesByEmail(rules.externalUserIdClaim(), identity.externalUserId, claims)) {
            throw new LoginRefusal(LoginRefusal.Reason.UNVERIFIED_EMAIL, "Your identity provider has not verified "
                    + "your email address (email_verified is not true), and this sign-in method identifies users by "
                    + "email. Verify the address at your identity provider, then sign in again.");
        }
    }

    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof String text && text.trim().equalsIgnoreCase("true");
    }

    /** The external id is the email claim, or a claim carrying the same address (e.g. a username mirroring it). */
    private static boolean identifiesByEmail(String claim, String externalUserId, Claims claims) {
        String name = claim.toLowerCase(Locale.ROOT);
        String last = name.substring(Math.max(name.lastIndexOf(':'), name.lastIndexOf('.')) + 1);
        return last.equals("email") || externalUserId != null
                && claims.text("email").map(email -> email.equalsIgnoreCase(externalUserId)).orElse(false);
    }
}
