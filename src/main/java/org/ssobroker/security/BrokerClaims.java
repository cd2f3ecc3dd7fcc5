package org.ssobroker.security;

/** The claims of the broker's access tokens (RFC 9068, plus the broker's own). */
public final class BrokerClaims {

    /** RFC 9068 section 2.1: the {@code typ} header of a JWT access token. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";
    public static final String CLIENT_ID = "client_id";
    public static final String SCOPE = "scope";
    /** The site of a user token. */
    public static final String SITE = "site";
    /**
     * The client app's credential the token was issued under: a token whose credential is not
     * the app's current one (secret rotated, app deleted or re-created) is revoked.
     */
    public static final String CREDENTIAL = "cred";

    private BrokerClaims() {
    }
}
