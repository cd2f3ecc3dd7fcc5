package org.ssobroker.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.mapping.Claims;
import org.ssobroker.mapping.EmailDomains;
import org.ssobroker.mapping.IdentityMapper;
import org.ssobroker.mapping.MappedIdentity;
import org.ssobroker.support.BrokerMetrics;
import org.ssobroker.support.LoginRefusal;

import java.util.Optional;

/**
 * One code path from an IdP's verified claims to a provisioned local user, for the browser
 * login and the token exchange alike: map, check the email domain, provision (joining the
 * caller's transaction if any), and announce a new user (the welcome email goes after commit).
 */
@ApplicationScoped
public class IdentityProvisioning {

    private final IdentityMapper mapper;
    private final UserProvisioner provisioner;
    private final Event<UserProvisioned> created;
    private final BrokerMetrics metrics;

    public IdentityProvisioning(IdentityMapper mapper, UserProvisioner provisioner, Event<UserProvisioned> created,
            BrokerMetrics metrics) {
        this.mapper = mapper;
        this.provisioner = provisioner;
        this.created = created;
        this.metrics = metrics;
    }

    /** What the claims would give, without storing anything (test connection). */
    public MappedIdentity preview(RegisteredIdp idp, Claims claims) {
        return mapper.map(claims, idp.mappingRules());
    }

    /**
     * @throws LoginRefusal when the claims cannot make a user, the email domain is not allowed, or
     *                      provisioning refuses (see {@link ProvisioningRule})
     */
    public ProvisionedUser provision(RegisteredIdp idp, Claims claims) {
        return provision(idp, claims, null);
    }

    /**
     * @param alsoInsert a row written with the user, in the same statement (null for none)
     * @see #provision(RegisteredIdp, Claims)
     */
    public ProvisionedUser provision(RegisteredIdp idp, Claims claims, UserRowInsert alsoInsert) {
        MappedIdentity identity;
        try {
            identity = preview(idp, claims);
        } catch (LoginRefusal e) {
            metrics.mapping(idp.siteKey(), idp.nameId(), "refused");
            throw e;
        }
        metrics.mapping(idp.siteKey(), idp.nameId(), "mapped");
        Optional<LoginRefusal> refusal = emailDomainRefusal(idp, identity);
        if (refusal.isPresent()) {
            metrics.provisioning(idp.siteKey(), idp.nameId(), "refused_domain");
            throw refusal.get();
        }
        ProvisionedUser user = provisioner.provision(idp.siteKey(), idp.id(), identity,
                Boolean.TRUE.equals(idp.welcome().messageEnabled()), alsoInsert);
        metrics.provisioning(idp.siteKey(), idp.nameId(), user.created() ? "created" : "updated");
        if (user.created()) {
            created.fire(new UserProvisioned(idp, user));
        }
        return user;
    }

    /**
     * The refusal of an email whose domain is not allowed (test connection shows it too). The
     * (verified) email's domain must be allowed; for Google, its Workspace domain ({@code hd}) too:
     * a consumer account may carry a verified address of any domain, a Workspace account of the
     * company carries the company's hd.
     */
    public static Optional<LoginRefusal> emailDomainRefusal(RegisteredIdp idp, MappedIdentity identity) {
        boolean allowed = EmailDomains.allowed(idp.emailDomains(), identity.email())
                && (idp.emailDomains().isEmpty() || idp.oidc() == null
                        || !"GOOGLE".equals(idp.oidc().type())
                        || identity.hostedDomain() != null
                        && EmailDomains.allowed(idp.emailDomains(), "@" + identity.hostedDomain()));
        if (allowed) {
            return Optional.empty();
        }
        String domains = String.join(", ", idp.emailDomains());
        return Optional.of(new LoginRefusal(LoginRefusal.Reason.EMAIL_DOMAIN, identity.email() == null
                ? "Your identity provider did not send a verified email address, and this sign-in method only "
                        + "accepts addresses of " + domains + "."
                : "The email address " + identity.email() + " may not sign in here: this sign-in method only "
                        + "accepts addresses of " + domains + "."));
    }
}
