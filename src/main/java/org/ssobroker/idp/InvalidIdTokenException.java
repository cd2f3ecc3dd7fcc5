package org.ssobroker.idp;

/** An IdP id_token the broker refuses; the message is the specific reason, safe to answer. */
public class InvalidIdTokenException extends RuntimeException {

    public InvalidIdTokenException(String reason) {
        super(reason, null, false, false);
    }
}
