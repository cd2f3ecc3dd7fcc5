package org.ssobroker.idp;

import java.time.Instant;

/** One line of an IdP list: enough to find an IdP among thousands and open it. */
public record IdpSummary(String nameId, String displayName, String type, boolean hideLoginButton, Instant updatedAt) {
}
