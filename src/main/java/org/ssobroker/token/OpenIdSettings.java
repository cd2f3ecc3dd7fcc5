package org.ssobroker.token;

import java.util.List;

/**
 * A client app's OpenID Provider settings: a public client has no secret and must use PKCE;
 * {@code loginUrl} is the site login page its users see (null: the site's first);
 * {@code userinfoResponse} the form of its userinfo answers; {@code jwks}/{@code jwksUri} its
 * encryption key for {@code signedAndEncryptedJwt}; {@code idTokenSignedResponseAlg} the
 * algorithm of its id_tokens (RS256 unless it asked for ES256).
 */
public record OpenIdSettings(boolean publicClient, String loginUrl, String userinfoResponse, String jwks,
        String jwksUri, List<String> postLogoutRedirectUris, String idTokenSignedResponseAlg) {

    public static final String PLAIN_JSON = "plainJson";
    public static final String SIGNED_JWT = "signedJwt";
    public static final String SIGNED_AND_ENCRYPTED_JWT = "signedAndEncryptedJwt";
    public static final String FROM_TOKEN_ENDPOINT = "fromTokenEndpoint";
    public static final List<String> USERINFO_RESPONSES = List.of(PLAIN_JSON, SIGNED_JWT, SIGNED_AND_ENCRYPTED_JWT,
            FROM_TOKEN_ENDPOINT);

    public static final List<String> ID_TOKEN_ALGORITHMS = List.of("RS256", "ES256");
    public static final OpenIdSettings NONE = new OpenIdSettings(false, null, PLAIN_JSON, null, null, List.of(),
            "RS256");
}
