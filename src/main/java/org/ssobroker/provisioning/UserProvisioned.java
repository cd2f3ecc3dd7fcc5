package org.ssobroker.provisioning;

import org.ssobroker.idp.RegisteredIdp;

/** A login created a user; observers act after the commit (the welcome email). */
public record UserProvisioned(RegisteredIdp idp, ProvisionedUser user) {
}
