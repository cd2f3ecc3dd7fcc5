package org.ssobroker.idp;

import java.util.Optional;
import java.util.Set;

/**
 * What the validator needs to know about the site, loaded once per validation.
 *
 * @param pathNameId   the nameId of the URL being written, if any (CI's {@code PUT})
 * @param takenNameId  an existing IdP of the site whose nameId collides (ignoring case)
 *                     with the document's, other than the one being updated
 */
public record IdpValidationContext(
        String siteKey,
        Optional<String> pathNameId,
        Optional<String> takenNameId,
        Set<String> loginUrls,
        Set<String> accessRights,
        Set<String> groups) {
}
