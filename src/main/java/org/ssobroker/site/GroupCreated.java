package org.ssobroker.site;

/**
 * A group was added to a site's catalog (fired inside the creating transaction). An IdP group of
 * that name was skipped by earlier logins as unknown; provisioning makes the next login write it.
 */
public record GroupCreated(String siteKey, String name) {
}
