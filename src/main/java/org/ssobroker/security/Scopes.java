package org.ssobroker.security;

import org.ssobroker.support.Identifier;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The broker's scope names. Every site scope starts with {@code site_{site}_}. */
public final class Scopes {

    /** Held by the platform admin client only: manages every site, creates sites. */
    public static final String PLATFORM_ADMIN = "platform_admin";

    /** Site keys have no '_': this matches site admin scopes exactly. */
    private static final Pattern SITE_ADMIN = Pattern.compile("site_[a-z0-9-]{1,40}_admin");

    private Scopes() {
    }

    public static String siteAdmin(String site) {
        return "site_" + site + "_admin";
    }

    public static String internalApi(String site) {
        return "site_" + site + "_internalApi";
    }

    public static String provisionByOpenIdToken(String site, String nameId) {
        return "site_" + site + "_provisionByOpenIdToken_" + nameId;
    }

    /** The nameId named by a provisionByOpenIdToken scope of this site, or null. */
    public static String provisionedNameId(String site, String scope) {
        String prefix = "site_" + site + "_provisionByOpenIdToken_";
        if (!scope.startsWith(prefix)) {
            return null;
        }
        String nameId = scope.substring(prefix.length());
        return Identifier.NAME_ID.valid(nameId) ? nameId : null;
    }

    /** Whether a scope string grants administration (a site's or the platform's): such tokens live briefly. */
    public static boolean hasAdminScope(String scope) {
        for (String s : parse(scope)) {
            if (s.equals(PLATFORM_ADMIN) || SITE_ADMIN.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Parses a space-delimited scope parameter (RFC 6749 section 3.3). */
    public static Set<String> parse(String scope) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scope != null) {
            Arrays.stream(scope.trim().split(" +")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        }
        return scopes;
    }

    public static String format(Set<String> scopes) {
        return String.join(" ", scopes);
    }
}
