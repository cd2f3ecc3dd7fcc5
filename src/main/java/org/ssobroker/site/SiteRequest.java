package org.ssobroker.site;

/** Body of {@code PUT /api/sites/{site}}. */
public record SiteRequest(String name) {
}
