package org.ssobroker.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.Changed;
import org.ssobroker.support.OAuthException;
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
 * part was wrong. Client apps are read from memory; a change drops one after commit, here and
 * (through the change feed) on every replica within one poll interval.
 */
@ApplicationScoped
public class ClientAuthenticator {

    private final Optional<String> platformClientId;
    private final Optional<String> platformClientSecret;
    private final Cache<String, Cached> apps;

    private record Cached(AuthenticatedClient client, String secretHash) {
    }

    public ClientAuthenticator(BrokerConfig config) {
        this.platformClientId = config.platformAdmin().clientId().filter(s -> !s.isBlank());
        this.platformClientSecret = config.platformAdmin().clientSecret().filter(s -> !s.isBlank());
        // The expiry is a safety net only: changes arrive through the feed.
        this.apps = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.idpSnapshotMaxAge()).build();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) Changed change) {
        if (change.subject() == Changed.Subject.CLIENT) {
            apps.invalidate(change.name());
        } else if (change.subject() == Changed.Subject.SITE) {
            apps.asMap().values().removeIf(app -> change.concernsClient(app.client().siteKey(),
                    app.client().clientId()));
        }
    }

    public AuthenticatedClient authenticate(String clientId, String secret) {
        if (platformClientId.isPresent() && platformClientId.get().equals(clientId)) {
            if (platformClientSecret.isPresent() && constantTimeEquals(secret, platformClientSecret.get())) {
                return new AuthenticatedClient(clientId, null, null, Set.of(Scopes.PLATFORM_ADMIN),
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

    /**
     * A public client (no secret) at the token endpoint: it proves the flow with PKCE, checked by
     * the grant; a confidential client must authenticate.
     */
    public AuthenticatedClient publicClient(String clientId) {
        Cached cached = clientId == null || clientId.length() > 100 ? null : load(clientId);
        if (cached == null || !cached.client.openId().publicClient()) {
            throw OAuthException.invalidClient("Client authentication failed.");
        }
        return cached.client;
    }

    /** A client app whose token the caller presented (already verified and not revoked). */
    public Optional<AuthenticatedClient> known(String clientId) {
        return Optional.ofNullable(load(clientId)).map(Cached::client);
    }

    /**
     * The client app from memory, else from the database (one short read). Caffeine computes
     * per key atomically: a change's invalidation waits for a load in flight, then drops it.
     */
    private Cached load(String clientId) {
        return apps.get(clientId, id -> {
            ClientApp app = QuarkusTransaction.joiningExisting().call(() -> ClientApp.findById(id));
            return app == null ? null : new Cached(new AuthenticatedClient(app.clientId, app.siteKey,
                    app.credentialId.toString(), new LinkedHashSet<>(app.scopes), List.copyOf(app.grantTypes),
                    List.copyOf(app.redirectUris), new OpenIdSettings(app.publicClient, app.loginUrl,
                    app.userinfoResponse, app.jwks, app.jwksUri, List.copyOf(app.postLogoutRedirectUris),
                    app.idTokenSignedResponseAlg)),
                    app.secretHash);
        });
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
