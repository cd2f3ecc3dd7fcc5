package org.ssobroker.token;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JwsSignerTest {

    private static final KeyPair KEYS = generate();

    @Test
    void signsACompactJwsThatAStandardLibraryVerifies() throws Exception {
        String token = new JwsSigner("RS256", KEYS.getPrivate(), "kid-1", "JWT")
                .sign("{\"sub\":\"u1\",\"scope\":\"a b\",\"name\":\"Zoë \\\"Z\\\"\"}".getBytes(StandardCharsets.UTF_8));

        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(token);
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        assertEquals("kid-1", jws.getKeyIdHeaderValue());
        assertEquals("JWT", jws.getHeader("typ"), "the type it was given");
        JwtClaims claims = consumer().processToClaims(token);
        assertEquals("u1", claims.getSubject());
        assertEquals("Zoë \"Z\"", claims.getClaimValue("name"));
        // Without a type the signer makes RFC 9068 access tokens.
        String access = JwsSigner.rs256(KEYS.getPrivate(), "kid-1").sign("{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("at+jwt", ((JsonWebSignature) JsonWebSignature.fromCompactSerialization(access)).getHeader("typ"));
    }

    @Test
    void aSignerReusedAcrossThreadsKeepsEverySignatureValid() throws Exception {
        JwsSigner signer = JwsSigner.rs256(KEYS.getPrivate(), "kid-1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] claims = ("{\"sub\":\"user-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
                tokens.add(pool.submit(() -> signer.sign(claims)));
            }
            for (int i = 0; i < tokens.size(); i++) {
                assertEquals("user-" + i, consumer().processToClaims(tokens.get(i).get()).getSubject());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void amazonCorrettoCryptoProviderSignsWhereItsLibraryLoads() throws Exception {
        // Linux on x86-64 (CI's machine kind): ACCP signs, and the JDK verifies what it signed (above).
        boolean accpHere = "Linux".equals(System.getProperty("os.name"))
                && java.util.Set.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        String expected = accpHere ? "AmazonCorrettoCryptoProvider"
                : java.security.Signature.getInstance("SHA256withRSA").getProvider().getName();
        assertThat(SigningProvider.signature("SHA256withRSA").getProvider().getName()).isEqualTo(expected);
        assertThat(SigningProvider.signature("SHA256withECDSA").getProvider().getName()).isEqualTo(expected);
    }

    @Test
    void aTamperedPayloadFailsVerification() {
        String token = JwsSigner.rs256(KEYS.getPrivate(), "kid-1").sign("{\"sub\":\"u1\"}".getBytes(StandardCharsets.UTF_8));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(InvalidJwtException.class, () -> consumer().processToClaims(forged));
    }

    private static JwtConsumer consumer() {
        return new JwtConsumerBuilder()
                .setVerificationKey(KEYS.getPublic())
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
