package org.ssobroker.idp;

import org.ssobroker.mapping.ClaimValueMapping;

/** A document that passed validation, with defaults applied and mapping tables parsed. */
public record ValidatedIdp(
        IdpDocument document,
        ClaimValueMapping accessRightMapping,
        ClaimValueMapping groupMapping) {
}
