package org.ssobroker.provisioning;

/** The user's email domain is not on the IdP's allow-list: nothing is stored. */
public class EmailDomainRefusedException extends RuntimeException {

    public EmailDomainRefusedException(String message) {
        super(message, null, false, false);
    }
}
