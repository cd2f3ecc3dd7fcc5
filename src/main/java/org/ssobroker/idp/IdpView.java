package org.ssobroker.idp;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/** An IdP as the admin API answers it: the document (without secret) plus read-only fields. */
public record IdpView(
        @JsonUnwrapped IdpDocument idp,
        String callbackUrl,
        String authorizationBaseUrl,
        boolean clientSecretSet,
        List<String> warnings,
        Instant createdAt,
        Instant updatedAt) {
}
