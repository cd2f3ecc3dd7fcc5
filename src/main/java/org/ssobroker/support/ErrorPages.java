package org.ssobroker.support;

import jakarta.ws.rs.core.Response;

/** The browser paths' error page ({@code /site/*}), rendered by the login feature. */
public interface ErrorPages {

    Response page(int status, String heading, String text);
}
