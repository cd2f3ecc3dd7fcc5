package org.ssobroker.provisioning;

import java.util.UUID;

/** The outcome of a login's provisioning: the user, and whether this login created it. */
public record ProvisionedUser(UUID userId, String login, String email, String name, boolean created,
        boolean firstLoginMessagePending) {
}
