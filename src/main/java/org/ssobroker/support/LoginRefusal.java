package org.ssobroker.support;

import java.util.Locale;

/**
 * A browser login or a token exchange the broker refuses, with the reason and a message for the
 * user (and the admin) that is safe to answer. Every step of both flows throws this one type (the
 * id_token policy, userinfo, the mapping, the email domains, provisioning), and each channel
 * answers it with its one renderer in {@link RefusalAnswers}: an HTML page, an RFC 6749 error, or
 * problem+json. {@link BrokerMetrics#refused} counts it for both flows.
 */
public class LoginRefusal extends RuntimeException {

    /** How a reason is answered: the caller's token, the rules about the user, or the IdP being down. */
    public enum Kind {
        /** The IdP's token or answer is not acceptable: the caller's fault, worth a new sign-in. */
        TOKEN,
        /** The user may not sign in here: a new sign-in changes nothing until someone changes something. */
        POLICY,
        /** The IdP cannot be reached or read right now: nobody's fault, worth a retry. */
        UNAVAILABLE
    }

    /** Why; {@link #code()} is what the provisioning function answers and what logs show. */
    public enum Reason {
        /** The id_token (or another signed token of the IdP) fails verification or the id_token policy. */
        INVALID_TOKEN(Kind.TOKEN),
        /** A SAML IdP's response fails a check (signature, audience, times, replay, ...: saml/SamlRefusal). */
        INVALID_SAML_RESPONSE(Kind.TOKEN),
        /** The IdP's userinfo answer cannot be used: the access token refused, another user's, unreadable. */
        USERINFO_REFUSED(Kind.TOKEN),
        /** The IdP's metadata or userinfo endpoint cannot be reached or answered an error. */
        UPSTREAM_UNAVAILABLE(Kind.UNAVAILABLE),
        /** The claim that identifies the user is missing or too long. */
        UNUSABLE_EXTERNAL_ID(Kind.POLICY),
        /** The user is identified by an email the IdP has not verified. */
        UNVERIFIED_EMAIL(Kind.POLICY),
        /**
         * A claim a mapping needs could not be read this time (Entra ID's groups when Microsoft Graph
         * fails) and guessing would be wrong (the access right): no user is written.
         */
        CLAIM_UNAVAILABLE(Kind.POLICY),
        /** The email (or Google's hosted domain) is not on the IdP's allow-list. */
        EMAIL_DOMAIN(Kind.POLICY),
        /** The login belongs to another user of the site (see provisioning/ProvisioningRule). */
        LOGIN_TAKEN(Kind.POLICY),
        /** The external id is linked to another subject of the IdP (see provisioning/ProvisioningRule). */
        SUBJECT_MISMATCH(Kind.POLICY);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for a code no reason has */
        public static Reason ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    private final Reason reason;

    public LoginRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
