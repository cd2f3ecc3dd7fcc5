package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.support.BrokerConfig;

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

    private final Optional<String> platformClientId;
    private final Optional<String> platformClientSecret;

    public ClientAuthenticator(BrokerConfig config) {
        this.platformClientId = config.platformAdmin().clientId().filter(s -> !s.isBlank());
        this.platformClientSecret = config.platformAdmin().clientSecret().filter(s -> !s.isBlank());
    }

    @Transactional
    public AuthenticatedClient authenticate(String clientId, String secret) {
        if (platformClientId.isPresent() && platformClientId.get().equals(clientId)) {
            if (platformClientSecret.isPresent() && constantTimeEquals(secret, platformClientSecret.get())) {
                return new AuthenticatedClient(clientId, null, Set.of(Scopes.PLATFORM_ADMIN),
                        List.of(GrantTypes.CLIENT_CREDENTIALS), List.of());
            }
            throw OAuthException.invalidClient("Client authentication failed.");
        }
        ClientApp app = clientId.length() > 100 ? null : ClientApp.findById(clientId);
        if (app == null || !ClientSecrets.matches(secret, app.secretHash)) {
            throw OAuthException.invalidClient("Client authentication failed.");
        }
        return new AuthenticatedClient(app.clientId, app.siteKey, new LinkedHashSet<>(app.scopes), app.grantTypes,
                app.redirectUris);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
