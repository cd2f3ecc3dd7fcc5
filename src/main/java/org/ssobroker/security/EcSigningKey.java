package org.ssobroker.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * An EC P-256 key pair for ES256 ({@code sso-broker.token.ec-signing-key}): its public key as a
 * JWK, and its key id, the RFC 7638 thumbprint.
 */
public record EcSigningKey(ECPrivateKey privateKey, ECPublicKey publicKey, String keyId) {

    private static final int COORDINATE_BYTES = 32;
    private static final org.bouncycastle.asn1.x9.X9ECParameters P256 =
            org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName("P-256");

    /** @throws IllegalStateException naming the setting when the PEM is no P-256 private key */
    static EcSigningKey fromPem(String pem) {
        try {
            String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            ECParameterSpec params = privateKey.getParams();
            if (!params.getOrder().equals(P256.getN()) || !params.getGenerator().getAffineX()
                    .equals(P256.getG().normalize().getAffineXCoord().toBigInteger())) {
                throw new IllegalArgumentException("not P-256");
            }
            ECPoint point = multiply(privateKey.getS());
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(point, params));
            return new EcSigningKey(privateKey, publicKey, thumbprint(publicKey));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("sso-broker.token.ec-signing-key must be an EC P-256 private key in PKCS#8 "
                    + "PEM; create one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        }
    }

    static String generatePem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an EC signing key", e);
        }
    }

    /** The public key as a JWK for the JWKS document. */
    public Map<String, String> publicJwk() {
        return Map.of("kty", "EC", "use", "sig", "alg", "ES256", "kid", keyId, "crv", "P-256",
                "x", coordinate(publicKey.getW().getAffineX()), "y", coordinate(publicKey.getW().getAffineY()));
    }

    private static String thumbprint(ECPublicKey key) throws GeneralSecurityException {
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(key.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(key.getW().getAffineY()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** A coordinate as JWK writes it: exactly 32 big-endian bytes, base64url. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[COORDINATE_BYTES];
        int copy = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - copy, fixed, COORDINATE_BYTES - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    /** s·G on P-256, by BouncyCastle's curve arithmetic (the JDK derives no public key from a private one). */
    private static ECPoint multiply(BigInteger scalar) {
        org.bouncycastle.math.ec.ECPoint q = P256.getG().multiply(scalar).normalize();
        return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    /** Never the key material. */
    @Override
    public String toString() {
        return "EcSigningKey[" + keyId + "]";
    }
}
