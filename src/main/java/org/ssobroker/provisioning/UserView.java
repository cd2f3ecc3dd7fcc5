package org.ssobroker.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A user as the admin API answers it. */
public record UserView(
        String id,
        String login,
        String email,
        String name,
        String firstName,
        String lastName,
        String accessRight,
        List<String> groups,
        Map<String, String> attributes,
        List<IdpLinkView> idps,
        Instant createdAt,
        Instant lastLoginAt) {

    public record IdpLinkView(String nameId, String externalUserId) {
    }
}
