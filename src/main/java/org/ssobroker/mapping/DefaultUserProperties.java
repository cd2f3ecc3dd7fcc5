package org.ssobroker.mapping;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** Properties a user gets when the IdP's claims do not set them. */
@RegisterForReflection // stored in a JSON column
public record DefaultUserProperties(
        String accessRight,
        String portalPage,
        String skin,
        String dashboardTheme,
        String language,
        Map<String, String> attributes) {

    public static DefaultUserProperties none() {
        return new DefaultUserProperties(null, null, null, null, null, Map.of());
    }
}
