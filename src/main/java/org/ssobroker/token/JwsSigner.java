package org.ssobroker.token;

import org.jose4j.jws.EcdsaUsingShaAlgorithm;
import org.ssobroker.security.BrokerClaims;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * RS256 or ES256 compact JWS (RFC 7515) over a fixed header: base64url(header).base64url(claims).signature.
 * One {@link Signature} per thread (from {@link SigningProvider}), initialised once: {@code sign()}
 * leaves it ready for the next token, so the hot path does no provider lookup and no key setup.
 */
final class JwsSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** ES256's signature is R || S, 32 bytes each (RFC 7518 3.4), where the JCA gives DER. */
    private static final int ES256_SIGNATURE_BYTES = 64;

    private final String encodedHeader;
    private final boolean ecdsa;
    private final ThreadLocal<Signature> signatures;

    /** An RS256 signer of access tokens ({@code typ: at+jwt}). */
    static JwsSigner rs256(PrivateKey key, String keyId) {
        return new JwsSigner("RS256", key, keyId, BrokerClaims.ACCESS_TOKEN_TYPE);
    }

    /**
     * @param algorithm {@code RS256} or {@code ES256}
     * @param type      the {@code typ} header: {@code at+jwt} for access tokens (RFC 9068), {@code JWT} otherwise
     */
    JwsSigner(String algorithm, PrivateKey key, String keyId, String type) {
        this.ecdsa = "ES256".equals(algorithm);
        String jcaName = ecdsa ? "SHA256withECDSA" : "SHA256withRSA";
        // keyId is an RFC 7638 thumbprint (base64url): nothing to escape.
        this.encodedHeader = encode(("{\"alg\":\"" + algorithm + "\",\"typ\":\"" + type + "\",\"kid\":\"" + keyId
                + "\"}").getBytes(StandardCharsets.UTF_8));
        this.signatures = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = SigningProvider.signature(jcaName);
                signature.initSign(key);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " signing is not available", e);
            }
        });
    }

    /** The compact JWS of these claims (a JSON object in UTF-8). */
    String sign(byte[] claimsJson) {
        String signingInput = encodedHeader + '.' + encode(claimsJson);
        try {
            Signature signature = signatures.get();
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            byte[] signed = signature.sign();
            return signingInput + '.' + encode(ecdsa
                    ? EcdsaUsingShaAlgorithm.convertDerToConcatenated(signed, ES256_SIGNATURE_BYTES) : signed);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
