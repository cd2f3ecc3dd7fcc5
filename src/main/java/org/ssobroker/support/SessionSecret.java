package org.ssobroker.support;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The secret shared by every replica for browser state: quarkus-oidc's state and session
 * cookies, and the broker's own login cookies. Keys are derived per use, so one configured
 * value serves all.
 */
@ApplicationScoped
public class SessionSecret {

    private final String secret;

    public SessionSecret(BrokerConfig config, GeneratedSecrets secrets) {
        this.secret = secrets.configuredOrGenerated(config.sessionSecret(), "sso-broker.session-secret",
                "session-secret", () -> GeneratedSecrets.randomBase64(32));
    }

    /** A 32-byte key for one purpose, e.g. "login-intent" or "oidc-state". */
    public byte[] key(String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(purpose.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A derived secret as text (quarkus-oidc wants at least 32 characters). */
    public String text(String purpose) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key(purpose));
    }
}
