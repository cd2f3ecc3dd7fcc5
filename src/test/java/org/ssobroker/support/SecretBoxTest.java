package org.ssobroker.support;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static SecretBox box(String key) {
        BrokerConfig config = TestConfig.of(Map.of("sso-broker.encryption-key", key));
        return new SecretBox(config, new GeneratedSecrets(config));
    }

    @Test
    void sealsAndOpens() {
        SecretBox box = box(KEY);
        String sealed = box.seal("client-secret", "idp:acme:cognito");
        assertThat(sealed).startsWith("v1:").doesNotContain("client-secret");
        assertThat(box.open(sealed, "idp:acme:cognito")).isEqualTo("client-secret");
        assertThat(box.seal("client-secret", "idp:acme:cognito")).isNotEqualTo(sealed);
    }

    @Test
    void aSecretMovedToAnotherIdpOrTamperedDoesNotOpen() {
        SecretBox box = box(KEY);
        String sealed = box.seal("client-secret", "idp:acme:cognito");
        assertThatThrownBy(() -> box.open(sealed, "idp:acme:okta")).isInstanceOf(IllegalStateException.class);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "B" : "A") + "=";
        assertThatThrownBy(() -> box.open(tampered, "idp:acme:cognito")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherKeyCannotOpen() {
        String other = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        String sealed = box(KEY).seal("client-secret", "c");
        assertThatThrownBy(() -> box(other).open(sealed, "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> box(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> box("not base64!")).hasMessageContaining("base64");
    }
}
