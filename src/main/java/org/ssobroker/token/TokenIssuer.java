package org.ssobroker.token;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;

import java.util.Set;
import java.util.UUID;

/** Signs the broker's access tokens (RS256) with smallrye-jwt-build. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final PublicUrls urls;
    private final long lifetimeSeconds;

    public TokenIssuer(SigningKeys keys, PublicUrls urls, BrokerConfig config) {
        this.keys = keys;
        this.urls = urls;
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
        var claims = Jwt.issuer(urls.base())
                .subject(subject)
                .claim("client_id", clientId)
                .claim("scope", scope)
                .claim("jti", jti)
                .issuedAt(System.currentTimeMillis() / 1000)
                .expiresIn(lifetimeSeconds);
        if (siteKey != null) {
            claims.claim("site", siteKey);
        }
        return new IssuedToken(claims.jws().keyId(keys.keyId()).sign(keys.privateKey()), jti, scope, lifetimeSeconds);
    }
}
