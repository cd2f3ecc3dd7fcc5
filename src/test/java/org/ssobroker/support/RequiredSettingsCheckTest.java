package org.ssobroker.support;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredSettingsCheckTest {

    @Test
    void prodNamesEveryMissingSettingWithItsEnvironmentVariable() {
        BrokerConfig config = TestConfig.of(Map.of("sso-broker.encryption-key", "a2V5"));
        assertThat(RequiredSettingsCheck.missingSettings(config)).containsExactly(
                "sso-broker.public-base-url (SSO_BROKER_PUBLIC_BASE_URL)",
                "sso-broker.token.signing-key (SSO_BROKER_TOKEN_SIGNING_KEY)",
                "sso-broker.session-secret (SSO_BROKER_SESSION_SECRET)",
                "sso-broker.platform-admin.client-id (SSO_BROKER_PLATFORM_ADMIN_CLIENT_ID)",
                "sso-broker.platform-admin.client-secret (SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET)");
    }

    @Test
    void devAndTestGenerateSecretsButStillNeedThePublicBaseUrl() {
        BrokerConfig config = TestConfig.of(Map.of("sso-broker.generate-missing-secrets", "true"));
        assertThat(RequiredSettingsCheck.missingSettings(config))
                .containsExactly("sso-broker.public-base-url (SSO_BROKER_PUBLIC_BASE_URL)");
    }

    @Test
    void aCompleteProdConfigurationPasses() {
        BrokerConfig config = TestConfig.of(Map.of(
                "sso-broker.public-base-url", "https://sso.example.com",
                "sso-broker.encryption-key", "a2V5",
                "sso-broker.token.signing-key", "/keys/signing.pem",
                "sso-broker.session-secret", "s".repeat(32),
                "sso-broker.platform-admin.client-id", "p",
                "sso-broker.platform-admin.client-secret", "q".repeat(32)));
        assertThat(RequiredSettingsCheck.missingSettings(config)).isEmpty();
    }

    @Test
    void prodRefusesASessionOrPlatformSecretShorterThan32CharactersWithoutShowingIt() {
        BrokerConfig config = TestConfig.of(Map.of(
                "sso-broker.public-base-url", "https://sso.example.com",
                "sso-broker.encryption-key", "a2V5",
                "sso-broker.token.signing-key", "/keys/signing.pem",
                "sso-broker.session-secret", "short-session-secret",
                "sso-broker.platform-admin.client-id", "p",
                "sso-broker.platform-admin.client-secret", "x".repeat(31)));
        assertThat(RequiredSettingsCheck.missingSettings(config)).containsExactly(
                "sso-broker.session-secret (SSO_BROKER_SESSION_SECRET) must be at least 32 characters",
                "sso-broker.platform-admin.client-secret (SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET) must be at least "
                        + "32 characters");
        assertThat(String.join(" ", RequiredSettingsCheck.missingSettings(config)))
                .doesNotContain("short-session-secret").doesNotContain("x".repeat(31));
    }
}
