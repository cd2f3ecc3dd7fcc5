package org.ssobroker.site;

import java.time.Instant;
import java.util.List;

/** A site as the API answers it; {@code consoleAccessRights}: whose users may sign in to its console. */
public record SiteView(String key, String name, List<String> consoleAccessRights, Instant createdAt,
        Instant updatedAt) {

    static SiteView of(Site site) {
        return new SiteView(site.key, site.name, site.consoleAccessRights == null
                ? Site.DEFAULT_CONSOLE_ACCESS_RIGHTS : List.copyOf(site.consoleAccessRights), site.createdAt,
                site.updatedAt);
    }
}
