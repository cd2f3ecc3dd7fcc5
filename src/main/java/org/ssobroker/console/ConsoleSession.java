package org.ssobroker.console;

import java.time.Instant;
import java.util.UUID;

/**
 * Who is signed in to the console: a platform operator (every site) or a user of one site.
 *
 * @param id       random per sign-in: a new sign-in never continues an older session
 * @param site     the user's site; null for a platform operator
 * @param userId   the user; null for a platform operator
 * @param name     what the console shows: the user's login, or the platform client id
 * @param signedIn when the sign-in happened (the absolute limit counts from here)
 * @param lastSeen the last request (the idle limit counts from here)
 */
public record ConsoleSession(String id, String site, UUID userId, String name, Instant signedIn, Instant lastSeen) {

    public boolean platform() {
        return site == null;
    }

    /** Whether this session may act on the site (a site's user: its own site only). */
    public boolean maySee(String siteKey) {
        return platform() || site.equals(siteKey);
    }

    ConsoleSession seenAt(Instant now) {
        return new ConsoleSession(id, site, userId, name, signedIn, now);
    }
}
