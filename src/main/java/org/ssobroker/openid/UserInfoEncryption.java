package org.ssobroker.openid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;
import org.ssobroker.outbound.OutboundFetcher;
import org.ssobroker.outbound.OutboundJwks;
import org.ssobroker.token.OpenIdSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Encrypts a signed userinfo JWT to the client app's public key (a nested JWT, RFC 7519 5.2):
 * RSA keys with RSA-OAEP-256, EC keys with ECDH-ES+A256KW, content with A256GCM. The key comes
 * from the app's registered {@code jwks}, or its {@code jwksUri} (fetched under the outbound
 * policy, kept per its cache headers by jose4j).
 */
@ApplicationScoped
public class UserInfoEncryption {

    private final OutboundJwks jwksGet;

    public UserInfoEncryption(OutboundFetcher fetcher) {
        this.jwksGet = new OutboundJwks(fetcher);
    }

    static final List<String> ALGORITHMS = List.of(KeyManagementAlgorithmIdentifiers.RSA_OAEP_256,
            KeyManagementAlgorithmIdentifiers.ECDH_ES_A256KW);
    static final String CONTENT_ENCRYPTION = ContentEncryptionAlgorithmIdentifiers.AES_256_GCM;

    private final Cache<String, HttpsJwks> remote = Caffeine.newBuilder().maximumSize(1000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    /** The JWE, or empty when the app has no usable encryption key (registered or reachable). */
    public Optional<String> encrypt(String signedJwt, OpenIdSettings client) {
        Optional<PublicJsonWebKey> key = key(client);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setPayload(signedJwt);
            jwe.setContentTypeHeaderValue("JWT");
            jwe.setAlgorithmHeaderValue(key.get() instanceof RsaJsonWebKey
                    ? KeyManagementAlgorithmIdentifiers.RSA_OAEP_256 : KeyManagementAlgorithmIdentifiers.ECDH_ES_A256KW);
            jwe.setEncryptionMethodHeaderParameter(CONTENT_ENCRYPTION);
            jwe.setKey(key.get().getPublicKey());
            if (key.get().getKeyId() != null) {
                jwe.setKeyIdHeaderValue(key.get().getKeyId());
            }
            return Optional.of(jwe.getCompactSerialization());
        } catch (JoseException e) {
            return Optional.empty();
        }
    }

    private HttpsJwks remoteJwks(String location) {
        HttpsJwks jwks = new HttpsJwks(location);
        jwks.setSimpleHttpGet(jwksGet);
        return jwks;
    }

    private Optional<PublicJsonWebKey> key(OpenIdSettings client) {
        try {
            List<JsonWebKey> keys;
            if (client.jwks() != null) {
                keys = new JsonWebKeySet(client.jwks()).getJsonWebKeys();
            } else if (client.jwksUri() != null) {
                keys = remote.get(client.jwksUri(), this::remoteJwks).getJsonWebKeys();
            } else {
                return Optional.empty();
            }
            return keys.stream()
                    .filter(k -> k.getUse() == null || "enc".equals(k.getUse()))
                    .filter(k -> k instanceof RsaJsonWebKey || k instanceof EllipticCurveJsonWebKey)
                    .map(PublicJsonWebKey.class::cast)
                    .findFirst();
        } catch (JoseException | IOException e) {
            return Optional.empty();
        }
    }
}
