package org.ssobroker.support;

import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 error body. */
public record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
}
