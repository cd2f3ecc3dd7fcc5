package org.ssobroker.support;

import jakarta.ws.rs.core.Response;

/** The browser paths' error page ({@code /site/*}), rendered by the login feature. */
public interface ErrorPages {

    Response page(int status, String heading, String text);

    /** With a hint and a link to try again (each null for none), where the pages offer them. */
    default Response message(int status, String heading, String text, String hint, String retryHref) {
        return page(status, heading, text);
    }
}
