package org.ssobroker.token;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The OpenID Connect scopes a site's apps may ask for at {@code /site/{site}/authorize}:
 * {@code openid} always; {@code profile}, {@code email} and {@code groups} (access right and
 * groups) when the client app holds them in its {@code scopes}.
 */
public final class OpenIdScopes {

    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";
    public static final String GROUPS = "groups";
    public static final List<String> ALL = List.of(OPENID, PROFILE, EMAIL, GROUPS);

    private OpenIdScopes() {
    }

    /** What a request gets: the known scopes it asked for that the client holds; unknown ones are ignored (OIDC 3.1.2.1). */
    public static Set<String> granted(Set<String> requested, Set<String> clientScopes) {
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : ALL) {
            if (requested.contains(scope) && (scope.equals(OPENID) || clientScopes.contains(scope))) {
                granted.add(scope);
            }
        }
        return granted;
    }
}
