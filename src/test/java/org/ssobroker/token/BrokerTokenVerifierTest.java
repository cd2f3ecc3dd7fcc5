package org.ssobroker.token;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifier remembers valid tokens; a remembered token still expires, and a refused one is never remembered. */
class BrokerTokenVerifierTest {

    private static final String ISSUER = "https://sso.example.test";

    private final KeyPair keys = generate();
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() / 1000);
    private final BrokerTokenVerifier verifier = new BrokerTokenVerifier(keys.getPublic(), ISSUER, clock::get);

    @Test
    void aRememberedTokenAnswersTheSameCallerUntilItExpires() throws Exception {
        long now = clock.get();
        String token = sign(claims("app-1", now + 60), keys.getPrivate());

        Caller first = verifier.verify(token).orElseThrow();
        assertEquals("app-1", first.clientId());
        assertTrue(first.has("site_a_admin"));
        assertEquals(Optional.of(first), verifier.verify(token));

        clock.set(now + 60 + 31);   // past exp and the 30 s of allowed clock skew
        assertEquals(Optional.empty(), verifier.verify(token));
        assertEquals(Optional.empty(), verifier.verify(token));
    }

    @Test
    void aRefusedTokenStaysRefused() throws Exception {
        long now = clock.get();
        KeyPair other = generate();
        String foreign = sign(claims("app-1", now + 60), other.getPrivate());

        assertEquals(Optional.empty(), verifier.verify(foreign));
        assertEquals(Optional.empty(), verifier.verify(foreign));
        assertEquals(Optional.empty(), verifier.verify(sign(claims("app-1", now - 120), keys.getPrivate())));
    }

    private static Map<String, Object> claims(String clientId, long exp) {
        return Map.of("iss", ISSUER, "sub", clientId, "client_id", clientId, "scope", "site_a_admin",
                "jti", "j-" + exp, "iat", exp - 3600, "exp", exp);
    }

    private static String sign(Map<String, Object> claims, PrivateKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(key);
        return jws.getCompactSerialization();
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
