package org.ssobroker.mapping;

/** The claims cannot make a user; the message tells the user (and the admin) why. */
public class LoginRefusedException extends RuntimeException {

    public LoginRefusedException(String message) {
        super(message, null, false, false);
    }
}
