package org.ssobroker.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start when a setting required in prod is missing, naming every missing one
 * with its environment variable. Dev and test generate secrets instead
 * ({@code sso-broker.generate-missing-secrets=true}), but still need a public base URL.
 */
public class RequiredSettingsCheck {

    void onStart(@Observes StartupEvent event, BrokerConfig config) {
        List<String> missing = missingSettings(config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("sso-broker cannot start, required settings are missing or too weak: "
                    + String.join(", ", missing));
        }
    }

    static List<String> missingSettings(BrokerConfig config) {
        List<String> missing = new ArrayList<>();
        require(missing, config.publicBaseUrl(), "sso-broker.public-base-url (SSO_BROKER_PUBLIC_BASE_URL)");
        if (!config.generateMissingSecrets()) {
            require(missing, config.encryptionKey(), "sso-broker.encryption-key (SSO_BROKER_ENCRYPTION_KEY)");
            require(missing, config.token().signingKey(),
                    "sso-broker.token.signing-key (SSO_BROKER_TOKEN_SIGNING_KEY)");
            require(missing, config.sessionSecret(), "sso-broker.session-secret (SSO_BROKER_SESSION_SECRET)");
            require(missing, config.platformAdmin().clientId(),
                    "sso-broker.platform-admin.client-id (SSO_BROKER_PLATFORM_ADMIN_CLIENT_ID)");
            require(missing, config.platformAdmin().clientSecret(),
                    "sso-broker.platform-admin.client-secret (SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET)");
            atLeast(missing, config.sessionSecret(), "sso-broker.session-secret (SSO_BROKER_SESSION_SECRET)");
            atLeast(missing, config.platformAdmin().clientSecret(),
                    "sso-broker.platform-admin.client-secret (SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET)");
        }
        return missing;
    }

    /** Secrets people type: short ones are guessable. Names the setting, never the value. */
    static final int MIN_SECRET_CHARS = 32;

    private static void atLeast(List<String> missing, Optional<String> value, String name) {
        value.filter(v -> !v.isBlank() && v.length() < MIN_SECRET_CHARS)
                .ifPresent(v -> missing.add(name + " must be at least " + MIN_SECRET_CHARS + " characters"));
    }

    private static void require(List<String> missing, Optional<String> value, String name) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(name);
        }
    }
}
