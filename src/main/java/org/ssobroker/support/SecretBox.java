package org.ssobroker.support;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;

/**
 * Encrypts secrets at rest with AES-256-GCM ({@link AesGcm}) and the key of
 * {@code sso-broker.encryption-key}. The ciphertext is bound to a context (e.g. the IdP it
 * belongs to) as associated data, so a sealed value copied to another row fails to open.
 */
@ApplicationScoped
public class SecretBox {

    private final AesGcm aes;

    public SecretBox(BrokerConfig config, GeneratedSecrets secrets) {
        String encoded = secrets.configuredOrGenerated(config.encryptionKey(),
                "sso-broker.encryption-key", "encryption-key", () -> GeneratedSecrets.randomBase64(32));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sso-broker.encryption-key must be base64 of 32 bytes");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("sso-broker.encryption-key must be base64 of 32 bytes, found "
                    + raw.length + " bytes");
        }
        this.aes = new AesGcm(raw);
    }

    public String seal(String plaintext, String context) {
        return aes.seal(plaintext, context);
    }

    public String open(String sealed, String context) {
        return aes.open(sealed, context)
                // Wrong key (rotated without re-encryption) or a tampered row.
                .orElseThrow(() -> new IllegalStateException("A stored secret cannot be decrypted with the configured key"));
    }
}
