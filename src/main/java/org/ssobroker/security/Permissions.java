package org.ssobroker.security;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may do what, declared on resources with {@code @PermissionsAllowed} and decided here by
 * scope, before the resource looks anything up (a foreign token learns nothing about which
 * sites exist). Each checker's parameters are matched by name to the secured method's.
 * <ul>
 *   <li>{@link #MANAGE_SITE}: scope {@code site_{site}_admin}, or the platform admin;</li>
 *   <li>{@link #PLATFORM}: the platform admin client alone (lists, creates, deletes sites);</li>
 *   <li>{@link #INTERNAL_API}: a user token of that site with {@code site_{site}_internalApi};</li>
 *   <li>{@link #PROVISION}: {@code site_{site}_provisionByOpenIdToken_{nameId}}.</li>
 * </ul>
 */
@ApplicationScoped
public class Permissions {

    public static final String MANAGE_SITE = "manage-site";
    public static final String PLATFORM = "platform";
    public static final String INTERNAL_API = "internal-api";
    public static final String PROVISION = "provision";

    private final CallerContext callers;

    public Permissions(CallerContext callers) {
        this.callers = callers;
    }

    @PermissionChecker(MANAGE_SITE)
    boolean manageSite(SecurityIdentity identity, String site) {
        return holds(identity, Scopes.siteAdmin(site)) || holdsQuietly(identity, Scopes.PLATFORM_ADMIN);
    }

    @PermissionChecker(PLATFORM)
    boolean platform(SecurityIdentity identity) {
        return holds(identity, Scopes.PLATFORM_ADMIN);
    }

    @PermissionChecker(INTERNAL_API)
    boolean internalApi(SecurityIdentity identity, String site) {
        return holds(identity, Scopes.internalApi(site))
                && Caller.of(identity.getPrincipal()).map(c -> site.equals(c.site())).orElse(false);
    }

    @PermissionChecker(PROVISION)
    boolean provision(SecurityIdentity identity, String site, String nameId) {
        return holds(identity, Scopes.provisionByOpenIdToken(site, nameId));
    }

    /** Whether the caller holds the scope; if not, the refusal will name it. */
    private boolean holds(SecurityIdentity identity, String scope) {
        if (holdsQuietly(identity, scope)) {
            return true;
        }
        callers.refusedFor(scope);
        return false;
    }

    private static boolean holdsQuietly(SecurityIdentity identity, String scope) {
        return Caller.of(identity.getPrincipal()).map(c -> c.has(scope)).orElse(false);
    }
}
