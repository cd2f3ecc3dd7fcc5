package org.ssobroker.outbound;

/** An outbound fetch was refused or failed; the message names the rule or the failure, for an admin. */
public class OutboundRefusedException extends RuntimeException {

    public OutboundRefusedException(String message) {
        super(message, null, false, false);
    }
}
