package org.ssobroker.site;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.ProblemException;
import org.ssobroker.token.Caller;
import org.ssobroker.token.CallerContext;
import org.ssobroker.token.Scopes;

/**
 * Who may manage what: scope {@code site_{site}_admin} manages that site; the platform admin
 * client manages every site and alone creates and deletes sites. Checked before the site is
 * looked up, so a foreign token learns nothing about which sites exist.
 */
@ApplicationScoped
public class SiteAccess {

    private final CallerContext callerContext;

    public SiteAccess(CallerContext callerContext) {
        this.callerContext = callerContext;
    }

    public Caller requireSiteAdmin(String site) {
        Caller caller = caller();
        if (!caller.has(Scopes.PLATFORM_ADMIN) && !caller.has(Scopes.siteAdmin(site))) {
            throw ProblemException.forbidden("This token may not manage site '" + site
                    + "': it needs scope " + Scopes.siteAdmin(site) + ".");
        }
        return caller;
    }

    public Caller requirePlatformAdmin(String action) {
        Caller caller = caller();
        if (!caller.has(Scopes.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("Only the platform admin client may " + action + ".");
        }
        return caller;
    }

    private Caller caller() {
        return callerContext.caller()
                .orElseThrow(() -> ProblemException.unauthorized("A bearer access token is required."));
    }
}
