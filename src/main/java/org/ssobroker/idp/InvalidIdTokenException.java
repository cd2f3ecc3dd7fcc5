package org.ssobroker.idp;

import org.ssobroker.support.LoginRefusal;

/** An IdP id_token the broker refuses: a {@link LoginRefusal} for {@code invalid_token}; the message is the reason. */
public class InvalidIdTokenException extends LoginRefusal {

    public InvalidIdTokenException(String reason) {
        super(Reason.INVALID_TOKEN, reason);
    }
}
