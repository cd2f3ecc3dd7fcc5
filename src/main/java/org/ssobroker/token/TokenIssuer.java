package org.ssobroker.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.security.BrokerClaims;
import org.ssobroker.security.Scopes;
import org.ssobroker.security.SigningKeys;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Signs the broker's access tokens: RFC 9068 JWTs ({@code typ: at+jwt}; {@code iss}, {@code sub},
 * {@code aud} = the broker's API, {@code client_id}, {@code scope}, {@code iat}, {@code exp},
 * {@code jti}) plus the site of a user token and the client credential the token was issued
 * under (revocation, see security/ClientCredentials). Tokens holding an admin scope live
 * {@code admin-token-lifetime} (15 minutes), others {@code access-token-lifetime}.
 *
 * <p>Claims are streamed with Jackson's generator and signed by {@link JwsSigner}. Not
 * smallrye-jwt-build (DESIGN.md's first choice): it read its defaults through the config chain on
 * every token, 16 % of a client_credentials request's CPU in the benchmark's flight recording.
 */
@ApplicationScoped
public class TokenIssuer {

    private static final JsonFactory JSON = new JsonFactory();

    private final JwsSigner signer;
    private final String issuer;
    private final long lifetimeSeconds;
    private final long adminLifetimeSeconds;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, PublicUrls urls, BrokerConfig config, Clock clock) {
        this.signer = SigningKeys.ES256.equals(keys.accessTokenAlgorithm())
                ? new JwsSigner(SigningKeys.ES256, keys.ecKey().orElseThrow().privateKey(), keys.ecKey().orElseThrow().keyId(),
                        BrokerClaims.ACCESS_TOKEN_TYPE)
                : JwsSigner.rs256(keys.privateKey(), keys.keyId());
        this.issuer = urls.base();
        this.lifetimeSeconds = config.token().accessTokenLifetime().toSeconds();
        this.adminLifetimeSeconds = config.token().adminTokenLifetime().toSeconds();
        this.clock = clock;
    }

    /** A token for a client acting on its own behalf ({@code client_credentials}). */
    public IssuedToken clientToken(AuthenticatedClient client, Set<String> scopes) {
        return sign(client.clientId(), client, null, Scopes.format(scopes));
    }

    /** A token for a site's user, obtained by a client app. */
    public IssuedToken userToken(String siteKey, String userId, AuthenticatedClient client, String scope) {
        return sign(userId, client, siteKey, scope);
    }

    private IssuedToken sign(String subject, AuthenticatedClient client, String siteKey, String scope) {
        String jti = UUID.randomUUID().toString();
        long now = clock.instant().getEpochSecond();
        long lifetime = Scopes.hasAdminScope(scope) ? Math.min(adminLifetimeSeconds, lifetimeSeconds) : lifetimeSeconds;
        ByteArrayOutputStream claims = new ByteArrayOutputStream(384);
        try (JsonGenerator json = JSON.createGenerator(claims)) {
            json.writeStartObject();
            json.writeStringField("iss", issuer);
            json.writeStringField("sub", subject);
            json.writeStringField("aud", issuer);
            json.writeStringField(BrokerClaims.CLIENT_ID, client.clientId());
            json.writeStringField(BrokerClaims.SCOPE, scope);
            if (siteKey != null) {
                json.writeStringField(BrokerClaims.SITE, siteKey);
            }
            if (client.credentialId() != null) {
                json.writeStringField(BrokerClaims.CREDENTIAL, client.credentialId());
            }
            json.writeStringField("jti", jti);
            json.writeNumberField("iat", now);
            json.writeNumberField("exp", now + lifetime);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write token claims", e);
        }
        return new IssuedToken(signer.sign(claims.toByteArray()), jti, scope, lifetime);
    }
}
