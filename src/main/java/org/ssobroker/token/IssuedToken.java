package org.ssobroker.token;

/** A signed access token and what its answer tells the client about it. */
public record IssuedToken(String accessToken, String jti, String scope, long expiresIn) {
}
