package org.ssobroker.provisioning;

import org.ssobroker.support.LoginRefusal;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a login's mapped identity meets the stored user. The mapping engine ({@code mapping/})
 * decides what the user should look like, from the claims alone; these rules decide what a login
 * writes, given what is stored. The {@code provision_user} function (migration V10) carries them
 * out in one statement per login, {@link UserProvisioner} calls it, and {@code
 * ProvisionUserFunctionTest} tests each rule on the function itself. The function's comments
 * name each rule where it is carried out, as {@code [RULE_NAME]}: change a rule here, there and
 * in its test.
 */
public enum ProvisioningRule {

    /**
     * Logins of one external user of one IdP run one at a time (an advisory lock on (IdP, external
     * id)), so concurrent first logins make one user: the second waits, then re-syncs it.
     */
    ONE_LOGIN_AT_A_TIME(null),

    /**
     * A link is bound to the IdP's {@code iss} and {@code sub} of the login that made it. A login
     * whose external id is linked to another subject is refused ({@code subject_mismatch}) and
     * writes nothing: another account of the IdP now carries the external id (a reassigned email).
     * A link made before V7 (no subject) takes the login's {@code iss} and {@code sub}.
     */
    LINK_BOUND_TO_SUBJECT(LoginRefusal.Reason.SUBJECT_MISMATCH),

    /**
     * An external id linked to a user re-syncs that user: every profile field (login, email, name,
     * first and last name, access right, portal page, skin, dashboard theme, language) takes the
     * mapped value, a null one included; the last login time is set and {@code version} bumped (the
     * admin API's optimistic lock). The first-login message state is left as it is.
     */
    RESYNC_LINKED_USER(null),

    /**
     * An external id linked to no user, whose login is free in the site, creates the user with the
     * mapped profile and links it; its first-login message is pending when the IdP shows one.
     */
    CREATE_AND_LINK(null),

    /**
     * An external id linked to no user, whose login belongs to a user linked to no IdP (an admin
     * removed its links), claims that user: re-synced and linked. Relinking is on purpose, by the
     * admin's unlink, never by email alone. The claimed user's IdP groups from before are replaced
     * by this login's (the new link must not inherit what another account was given); its
     * first-login message state is left as is.
     */
    CLAIM_UNLINKED_USER(null),

    /**
     * A login whose login belongs to another user of the site is refused ({@code login_taken}) and
     * writes nothing: a first login, when that user is linked to an IdP (matching logins alone would
     * let one IdP take over another's accounts); a re-sync renaming its user onto another user's
     * login. A race that the checks cannot see ends on the unique constraint (SQL state 23505),
     * which {@link UserProvisioner} answers as the same refusal.
     */
    LOGIN_TAKEN(LoginRefusal.Reason.LOGIN_TAKEN),

    /**
     * Attributes are merged into the stored ones: a mapped key overwrites, a key the login does not
     * map stays. A login never removes an attribute.
     */
    ATTRIBUTES_MERGED(null),

    /**
     * The groups a re-sync (or a claim) gives from the IdP's claims replace the ones the IdP gave last time (the
     * {@code IDP} memberships): missing ones are removed, new ones added. Memberships from the IdP's
     * default groups ({@code DEFAULT}) and from an admin ({@code ADMIN}) are other rows and stay.
     */
    IDP_GROUPS_REPLACED(null),

    /**
     * When the IdP's groups are unknown for this login ({@code idpGroups} null or absent: the IdP
     * could not say, and its settings say to keep the previous ones), the user's {@code IDP}
     * memberships are left exactly as they are: none removed, none added.
     */
    IDP_GROUPS_KEPT_WHEN_UNKNOWN(null),

    /**
     * A re-sync of a linked user whose mapped identity is the one written last time (a digest of it
     * is kept on the user), with known IdP groups, seen within the hour, writes nothing: no user,
     * link or group row (the exchange's cost in PostgreSQL was these writes). Its last login is then
     * refreshed at most hourly. Creating a catalog group forgets the site's digests, since a group
     * skipped as unknown may now be a membership.
     */
    UNCHANGED_RESYNC_WRITES_NOTHING(null),

    /** The IdP's default groups are added at every login and never removed by one. */
    DEFAULT_GROUPS_ADDED(null),

    /**
     * A group name (from the IdP or the defaults) that is not in the site's catalog is skipped: no
     * membership, no error. The names were checked against the catalog when the IdP was saved; one
     * that is gone since (an admin's change racing the save) must not break every login.
     */
    UNKNOWN_GROUPS_SKIPPED(null);

    private final LoginRefusal.Reason refusal;

    ProvisioningRule(LoginRefusal.Reason refusal) {
        this.refusal = refusal;
    }

    /** The reason a login is refused by this rule; empty for a rule that never refuses. */
    public Optional<LoginRefusal.Reason> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The rule that refused, from the function's {@code o_refusal} (a reason code). */
    static ProvisioningRule refusing(String code) {
        LoginRefusal.Reason reason = LoginRefusal.Reason.ofCode(code);
        return Arrays.stream(values()).filter(rule -> rule.refusal == reason).findFirst()
                .orElseThrow(() -> new IllegalStateException("provision_user refused for " + code + ", no rule's"));
    }
}
