package org.ssobroker.idp;

import io.quarkus.logging.Log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Everything kept in memory for one IdP version: its snapshot and the runtime parts built from it
 * on demand (quarkus-oidc's tenant config and context, the exchange's id_token verifier with its
 * JWKS). One entry, dropped once: a change, the max age or eviction releases every part together,
 * so no cache can keep a part of an IdP another dropped.
 */
public final class IdpEntry {

    private final RegisteredIdp idp;
    private final Map<Class<?>, Object> parts = new ConcurrentHashMap<>();

    IdpEntry(RegisteredIdp idp) {
        this.idp = idp;
    }

    public RegisteredIdp idp() {
        return idp;
    }

    <T> T part(Class<T> type, Function<RegisteredIdp, ? extends T> build) {
        return type.cast(parts.computeIfAbsent(type, t -> build.apply(idp)));
    }

    <T> java.util.Optional<T> existing(Class<T> type) {
        return java.util.Optional.ofNullable(parts.get(type)).map(type::cast);
    }

    /**
     * Forgets the runtime parts (the snapshot stays until the entry goes); {@code close}: closes
     * the {@link AutoCloseable} ones too.
     */
    void releaseParts(boolean close) {
        parts.values().removeIf(part -> {
            if (close && part instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    Log.warnf("Releasing a part of IdP %s failed: %s", idp.tenantId(), e.getMessage());
                }
            }
            return true;
        });
    }
}
