package org.ssobroker.saml;

import org.ssobroker.support.LoginRefusal;

/**
 * A SAML response the broker refuses ({@link LoginRefusal.Reason#INVALID_SAML_RESPONSE}), with the
 * check that failed. Every check has its own message; none stores anything.
 */
public class SamlRefusal extends LoginRefusal {

    /** The checks of a SAML response, in the order they run. */
    public enum Check {
        /** Not base64, not XML, not a SAML 2.0 Response, a required element missing or doubled. */
        MALFORMED,
        /** A DOCTYPE (DTD, entities: XXE and entity expansion). */
        DOCTYPE,
        /** The IdP answered a status other than Success. */
        IDP_STATUS,
        /** More than one assertion, an assertion out of its place, a signature of another element. */
        WRAPPING,
        /** Neither the response nor the assertion signed, or the assertion unsigned while it must be. */
        UNSIGNED,
        /** A signature no certificate of the IdP's metadata verifies, or of a refused kind. */
        BAD_SIGNATURE,
        ISSUER,
        DESTINATION,
        /** Not the answer to the request this browser started (or unsolicited while not allowed). */
        IN_RESPONSE_TO,
        /** An IdP-initiated (unsolicited) response to an IdP that does not allow them. */
        UNSOLICITED,
        RECIPIENT,
        AUDIENCE,
        /** Outside NotBefore / NotOnOrAfter, with the clock skew. */
        EXPIRED,
        /** An EncryptedAssertion the SP key does not decrypt, or with refused algorithms. */
        DECRYPTION,
        /** An assertion id already consumed (on any replica). */
        REPLAYED
    }

    private final Check check;

    public SamlRefusal(Check check, String message) {
        super(Reason.INVALID_SAML_RESPONSE, message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
