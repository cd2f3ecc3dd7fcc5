package org.ssobroker.site;

import java.time.Instant;

public record SiteView(String key, String name, Instant createdAt, Instant updatedAt) {

    static SiteView of(Site site) {
        return new SiteView(site.key, site.name, site.createdAt, site.updatedAt);
    }
}
