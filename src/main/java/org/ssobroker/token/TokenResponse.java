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
        @JsonProperty("refresh_token") String refreshToken) {

    static TokenResponse of(IssuedToken token) {
        return new TokenResponse(token.accessToken(), "bearer", token.expiresIn(), token.scope(), token.jti(), null);
    }
}
