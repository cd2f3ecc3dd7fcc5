package org.ssobroker.openid;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.ssobroker.site.Site;
import org.ssobroker.site.SiteKeys;

/** Which sites exist, for the OpenID endpoints (one short read; these are not hot paths). */
final class SiteIssuers {

    private SiteIssuers() {
    }

    static boolean exists(String site) {
        return SiteKeys.valid(site)
                && QuarkusTransaction.joiningExisting().call(() -> Site.findById(site) != null);
    }
}
