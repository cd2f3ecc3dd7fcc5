package org.ssobroker.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 section 5.1 token answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        String scope,
        String jti,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("issued_token_type") String issuedTokenType,
        @JsonProperty("id_token") String idToken) {

    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    static TokenResponse of(IssuedToken token) {
        return of(token, null);
    }

    static TokenResponse of(IssuedToken token, String refreshToken) {
        return new TokenResponse(token.accessToken(), "bearer", token.expiresIn(), token.scope(), token.jti(),
                refreshToken, null, null);
    }

    /** An OpenID Connect answer (OIDC Core 3.1.3.3): the id_token, and the token type as the spec spells it. */
    static TokenResponse openId(IssuedToken token, String refreshToken, String idToken) {
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresIn(), token.scope(), token.jti(),
                refreshToken, null, idToken);
    }

    /** RFC 8693 answers also say what kind of token was issued. */
    TokenResponse exchanged() {
        return new TokenResponse(accessToken, tokenType, expiresIn, scope, jti, refreshToken, ACCESS_TOKEN_TYPE, idToken);
    }
}
