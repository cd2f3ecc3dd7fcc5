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
        @JsonProperty("issued_token_type") String issuedTokenType) {

    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    static TokenResponse of(IssuedToken token) {
        return of(token, null);
    }

    static TokenResponse of(IssuedToken token, String refreshToken) {
        return new TokenResponse(token.accessToken(), "bearer", token.expiresIn(), token.scope(), token.jti(),
                refreshToken, null);
    }

    /** RFC 8693 answers also say what kind of token was issued. */
    TokenResponse exchanged() {
        return new TokenResponse(accessToken, tokenType, expiresIn, scope, jti, refreshToken, ACCESS_TOKEN_TYPE);
    }
}
