package org.ssobroker.idp;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/**
 * An IdP as the admin API answers it: the document (without secret) plus read-only fields:
 * {@code callbackUrl} for an OIDC IdP, {@code acsUrl} and {@code spEntityId} (the SP metadata URL)
 * for a SAML IdP, null for the other kind.
 */
public record IdpView(
        @JsonUnwrapped IdpDocument idp,
        String callbackUrl,
        String acsUrl,
        String spEntityId,
        String authorizationBaseUrl,
        boolean clientSecretSet,
        List<String> warnings,
        Instant createdAt,
        Instant updatedAt) {
}
