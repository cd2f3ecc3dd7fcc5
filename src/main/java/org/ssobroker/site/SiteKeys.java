package org.ssobroker.site;

import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;

/** Site keys are used in URLs and scope names: {@code [a-z0-9-]{1,40}}. */
public final class SiteKeys {

    private SiteKeys() {
    }

    public static boolean valid(String key) {
        return Identifier.SITE_KEY.valid(key);
    }

    /** The site, or 404 when it does not exist (or its key could not exist). */
    public static Site require(String key) {
        Site site = valid(key) ? Site.findById(key) : null;
        if (site == null) {
            throw ProblemException.notFound("No site '" + key + "'.");
        }
        return site;
    }
}
