package org.ssobroker.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.UUID;

/**
 * Signs the broker's access tokens (RS256 JWT). Claims are streamed with Jackson's generator
 * and signed by {@link Rs256Signer}. Not smallrye-jwt-build (DESIGN.md's first choice): it read
 * its defaults through the config chain on every token, 16 % of a client_credentials request's
 * CPU in the benchmark's flight recording; the RSA signature itself is the rest of the cost.
 */
@ApplicationScoped
public class TokenIssuer {

    private static final JsonFactory JSON = new JsonFactory();

    private final Rs256Signer signer;
    private final String issuer;
    private final long lifetimeSeconds;

    public TokenIssuer(SigningKeys keys, PublicUrls urls, BrokerConfig config) {
        this.signer = new Rs256Signer(keys.privateKey(), keys.keyId());
        this.issuer = urls.base();
        this.lifetimeSeconds = config.token().accessTokenLifetime().toSeconds();
    }

    /** A token for a client acting on its own behalf ({@code client_credentials}). */
    public IssuedToken clientToken(String clientId, Set<String> scopes) {
        return sign(clientId, clientId, null, Scopes.format(scopes));
    }

    /** A token for a site's user, obtained by a client app. */
    public IssuedToken userToken(String siteKey, String userId, String clientId, String scope) {
        return sign(userId, clientId, siteKey, scope);
    }

    private IssuedToken sign(String subject, String clientId, String siteKey, String scope) {
        String jti = UUID.randomUUID().toString();
        long now = System.currentTimeMillis() / 1000;
        ByteArrayOutputStream claims = new ByteArrayOutputStream(320);
        try (JsonGenerator json = JSON.createGenerator(claims)) {
            json.writeStartObject();
            json.writeStringField("iss", issuer);
            json.writeStringField("sub", subject);
            json.writeStringField("client_id", clientId);
            json.writeStringField("scope", scope);
            if (siteKey != null) {
                json.writeStringField("site", siteKey);
            }
            json.writeStringField("jti", jti);
            json.writeNumberField("iat", now);
            json.writeNumberField("exp", now + lifetimeSeconds);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write token claims", e);
        }
        return new IssuedToken(signer.sign(claims.toByteArray()), jti, scope, lifetimeSeconds);
    }
}
