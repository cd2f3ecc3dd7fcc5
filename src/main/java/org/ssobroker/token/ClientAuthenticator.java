package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.ssobroker.site.SiteDeleted;
import org.ssobroker.support.LruCache;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.Identifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates clients at {@code /oauth/token}: the platform admin client from configuration,
 * or a site's client app by its hashed secret. Failures say only "invalid_client", never which
 * part was wrong.
 */
@ApplicationScoped
public class ClientAuthenticator {

    /** How long a client app is trusted from memory; a change elsewhere reaches this replica within it. */
    static final long CACHE_NANOS = 10_000_000_000L;

    private final Optional<String> platformClientId;
    private final Optional<String> platformClientSecret;
    private final LruCache<String, Cached> apps = new LruCache<>(10_000);

    private record Cached(AuthenticatedClient client, String secretHash, long loadedAt) {
    }

    public ClientAuthenticator(BrokerConfig config) {
        this.platformClientId = config.platformAdmin().clientId().filter(s -> !s.isBlank());
        this.platformClientSecret = config.platformAdmin().clientSecret().filter(s -> !s.isBlank());
    }

    /** A client app changed here: forget it at once (other replicas within {@link #CACHE_NANOS}). */
    public void forget(String clientId) {
        apps.remove(clientId);
    }

    /**
     * A deleted site takes its client apps along (by cascade): forget them all at once, or a
     * deleted app would still authenticate here for up to {@link #CACHE_NANOS} (and one
     * re-created under the same id would be refused). Sites are rarely deleted: clearing is fine.
     */
    void onSiteDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) SiteDeleted deleted) {
        apps.removeIf(clientId -> true);
    }

    public AuthenticatedClient authenticate(String clientId, String secret) {
        if (platformClientId.isPresent() && platformClientId.get().equals(clientId)) {
            if (platformClientSecret.isPresent() && constantTimeEquals(secret, platformClientSecret.get())) {
                return new AuthenticatedClient(clientId, null, Set.of(Scopes.PLATFORM_ADMIN),
                        List.of(GrantTypes.CLIENT_CREDENTIALS), List.of());
            }
            throw OAuthException.invalidClient("Client authentication failed.");
        }
        // An id that cannot exist is not looked up (nor is a NUL sent to the database).
        Cached cached = Identifier.CLIENT_ID.valid(clientId) ? load(clientId) : null;
        if (cached == null || !ClientSecrets.matches(secret, cached.secretHash)) {
            throw OAuthException.invalidClient("Client authentication failed.");
        }
        return cached.client;
    }

    /** The client app from memory when recently loaded, else from the database (one short read). */
    private Cached load(String clientId) {
        Cached cached = apps.get(clientId);
        if (cached != null && System.nanoTime() - cached.loadedAt < CACHE_NANOS) {
            return cached;
        }
        ClientApp app = QuarkusTransaction.joiningExisting().call(() -> ClientApp.findById(clientId));
        if (app == null) {
            apps.remove(clientId);
            return null;
        }
        Cached loaded = new Cached(new AuthenticatedClient(app.clientId, app.siteKey, new LinkedHashSet<>(app.scopes),
                List.copyOf(app.grantTypes), List.copyOf(app.redirectUris)), app.secretHash, System.nanoTime());
        apps.put(clientId, loaded);
        return loaded;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
