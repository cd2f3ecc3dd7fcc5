package org.ssobroker.idp;

import io.quarkus.runtime.annotations.RegisterForReflection;
/**
 * Welcome email and first-login message for users this IdP provisions. Templates are data:
 * only the {@code ${user.*}} and {@code ${site.name}} placeholders are substituted, escaped.
 */
@RegisterForReflection // stored in a JSON column
public record WelcomeSettings(
        Boolean emailEnabled,
        String emailSubject,
        String emailTemplate,
        Boolean messageEnabled,
        String messageTemplate) {

    public static WelcomeSettings disabled() {
        return new WelcomeSettings(false, null, null, false, null);
    }
}
