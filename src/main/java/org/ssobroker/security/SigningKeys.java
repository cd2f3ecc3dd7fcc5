package org.ssobroker.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.GeneratedSecrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * The RSA key pair signing the broker's tokens: a PKCS#8 PEM file from
 * {@code sso-broker.token.signing-key} (shared by every replica), or a generated one in
 * dev/test. The key id is the RFC 7638 thumbprint of the public key.
 */
@ApplicationScoped
public class SigningKeys {

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final String algorithm;
    private final java.util.Optional<EcSigningKey> ecKey;

    public SigningKeys(BrokerConfig config, GeneratedSecrets secrets) {
        this.algorithm = config.token().algorithm().trim().toUpperCase(java.util.Locale.ROOT);
        if (!java.util.List.of(RS256, ES256).contains(algorithm)) {
            throw new IllegalStateException("sso-broker.token.algorithm must be RS256 or ES256, not " + algorithm);
        }
        java.util.Optional<String> ecPath = config.token().ecSigningKey().filter(p -> !p.isBlank());
        if (ecPath.isPresent()) {
            this.ecKey = java.util.Optional.of(EcSigningKey.fromPem(readPem(ecPath.get(),
                    "sso-broker.token.ec-signing-key")));
        } else if (ES256.equals(algorithm)) {
            this.ecKey = java.util.Optional.of(EcSigningKey.fromPem(secrets.configuredOrGenerated(
                    java.util.Optional.empty(), "sso-broker.token.ec-signing-key", "ec-signing-key.pem",
                    EcSigningKey::generatePem)));
        } else {
            this.ecKey = java.util.Optional.empty();
        }
        String pem = config.token().signingKey().filter(p -> !p.isBlank())
                .map(path -> readPem(path, "sso-broker.token.signing-key"))
                .orElseGet(() -> secrets.configuredOrGenerated(java.util.Optional.empty(),
                        "sso-broker.token.signing-key", "signing-key.pem", SigningKeys::generatePem));
        try {
            this.privateKey = parsePrivateKey(pem);
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            this.keyId = thumbprint(publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("sso-broker.token.signing-key must be an RSA private key in PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY-----); convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        if (privateKey.getModulus().bitLength() < 2048) {
            throw new IllegalStateException("sso-broker.token.signing-key must be an RSA key of at least 2048 bits");
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    public static final String RS256 = "RS256";
    public static final String ES256 = "ES256";

    /** The algorithm of the broker's access tokens ({@code sso-broker.token.algorithm}). */
    public String accessTokenAlgorithm() {
        return algorithm;
    }

    /** The EC key, when one is configured (or generated for ES256 in dev/test). */
    public java.util.Optional<EcSigningKey> ecKey() {
        return ecKey;
    }

    /** Every public key a token of the broker may be signed with: the JWKS document's keys. */
    public java.util.List<Map<String, String>> publicJwks() {
        java.util.List<Map<String, String>> keys = new java.util.ArrayList<>();
        keys.add(publicJwk());
        ecKey.ifPresent(key -> keys.add(key.publicJwk()));
        return java.util.List.copyOf(keys);
    }

    /** The RSA public key as a JWK for the JWKS document. */
    public Map<String, String> publicJwk() {
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", keyId,
                "n", integer(publicKey.getModulus()),
                "e", integer(publicKey.getPublicExponent()));
    }

    private static String readPem(String path, String setting) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": cannot read the PEM file " + path);
        }
    }

    private static RSAPrivateCrtKey parsePrivateKey(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String generatePem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        String canonical = "{\"e\":\"" + integer(key.getPublicExponent())
                + "\",\"kty\":\"RSA\",\"n\":\"" + integer(key.getModulus()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Unsigned big-endian base64url, as JWK requires (no leading zero byte). */
    private static String integer(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }
}
