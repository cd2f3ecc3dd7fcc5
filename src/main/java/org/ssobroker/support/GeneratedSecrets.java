package org.ssobroker.support;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Secrets the dev and test profiles make up when none is configured. With
 * {@code sso-broker.generated-secrets-dir} set (dev), each is written to a file there and
 * read back on the next start, so IdP secrets encrypted in the dev database stay readable.
 */
@ApplicationScoped
public class GeneratedSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BrokerConfig config;
    private final Map<String, String> generated = new ConcurrentHashMap<>();

    public GeneratedSecrets(BrokerConfig config) {
        this.config = config;
    }

    /**
     * The configured value, else (dev/test) a generated one.
     *
     * @param setting the setting's name, for the error when generation is off
     */
    public String configuredOrGenerated(Optional<String> configured, String setting, String name,
            Supplier<String> generator) {
        Optional<String> value = configured.filter(v -> !v.isBlank());
        if (value.isPresent()) {
            return value.get();
        }
        if (!config.generateMissingSecrets()) {
            throw new IllegalStateException("Required setting " + setting + " is missing");
        }
        return generated.computeIfAbsent(name, n -> readOrCreate(n, generator));
    }

    public static String randomBase64(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    private String readOrCreate(String name, Supplier<String> generator) {
        if (config.generatedSecretsDir().isEmpty()) {
            return generator.get();
        }
        Path file = Path.of(config.generatedSecretsDir().get()).resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            Files.createDirectories(file.getParent());
            String value = generator.get();
            Files.writeString(file, value, StandardCharsets.UTF_8);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the generated dev secret " + name + " in " + file, e);
        }
    }
}
