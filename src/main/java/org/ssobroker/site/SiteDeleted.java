package org.ssobroker.site;

/** Fired inside the transaction deleting a site (its IdPs go with it, by cascade). */
public record SiteDeleted(String siteKey) {
}
