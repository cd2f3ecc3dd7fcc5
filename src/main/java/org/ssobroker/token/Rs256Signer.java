package org.ssobroker.token;

import org.ssobroker.security.BrokerClaims;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * RS256 compact JWS (RFC 7515) over a fixed header: base64url(header).base64url(claims).signature.
 * One {@link Signature} per thread (from {@link SigningProvider}), initialised once: {@code sign()} leaves it ready for the next
 * token, so the hot path does no provider lookup and no key setup.
 */
final class Rs256Signer {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String encodedHeader;
    private final ThreadLocal<Signature> signatures;

    Rs256Signer(PrivateKey key, String keyId) {
        this(key, keyId, BrokerClaims.ACCESS_TOKEN_TYPE);
    }

    /** @param type the {@code typ} header: {@code at+jwt} for access tokens (RFC 9068), {@code JWT} otherwise */
    Rs256Signer(PrivateKey key, String keyId, String type) {
        // keyId is an RFC 7638 thumbprint (base64url): nothing to escape.
        this.encodedHeader = encode(("{\"alg\":\"RS256\",\"typ\":\"" + type + "\",\"kid\":\"" + keyId + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        this.signatures = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = SigningProvider.signature("SHA256withRSA");
                signature.initSign(key);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RS256 signing is not available", e);
            }
        });
    }

    /** The compact JWS of these claims (a JSON object in UTF-8). */
    String sign(byte[] claimsJson) {
        String signingInput = encodedHeader + '.' + encode(claimsJson);
        try {
            Signature signature = signatures.get();
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + '.' + encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
