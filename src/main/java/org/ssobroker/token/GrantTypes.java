package org.ssobroker.token;

import java.util.List;

/** The grant types of {@code /oauth/token}. */
public final class GrantTypes {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    public static final List<String> ALL = List.of(CLIENT_CREDENTIALS, REFRESH_TOKEN, AUTHORIZATION_CODE,
            TOKEN_EXCHANGE);

    private GrantTypes() {
    }
}
