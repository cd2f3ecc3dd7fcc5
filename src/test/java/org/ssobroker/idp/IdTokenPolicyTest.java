package org.ssobroker.idp;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one id_token rule set of the browser callback and the exchange, rule by rule. */
class IdTokenPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    final IdTokenPolicy policy = new IdTokenPolicy(Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aGoodTokenPasses() {
        assertThatCode(() -> check(Map.of("alg", "RS256", "typ", "JWT"), claims())).doesNotThrowAnyException();
    }

    @Test
    void eachRuleRefusesWithItsReason() {
        refuses(Map.of("alg", "HS256"), claims(), "algorithm HS256");
        refuses(Map.of("alg", "none"), claims(), "algorithm none");
        refuses(Map.of("alg", "RS256", "typ", "at+jwt"), claims(), "access token (typ at+jwt)");
        refuses(header(), with("scp", List.of("read")), "access token (scp claim)");
        refuses(header(), with("token_use", "access"), "token_use=access");
        refuses(header(), with("iss", "https://evil.example"), "is not the IdP's issuer");
        refuses(header(), without("sub"), "no sub");
        refuses(header(), without("iat"), "no iat");
        refuses(header(), without("exp"), "no exp");
        refuses(header(), with("aud", "other"), "does not contain the IdP's client id");
        refuses(header(), with("azp", "other"), "azp 'other'");
        refuses(header(), with("aud", List.of("client", "other")), "azp 'null'");
        refuses(header(), with("exp", NOW.getEpochSecond() - 61), "expired");
        refuses(header(), with("iat", NOW.getEpochSecond() + 61), "issued in the future");
        refuses(header(), with("nbf", NOW.getEpochSecond() + 61), "not valid before");
    }

    @Test
    void theClockSkewIsTolerated() {
        assertThatCode(() -> check(header(), with("exp", NOW.getEpochSecond() - 59))).doesNotThrowAnyException();
        assertThatCode(() -> check(header(), with("iat", NOW.getEpochSecond() + 59))).doesNotThrowAnyException();
        assertThatCode(() -> check(header(), with("azp", "client"))).doesNotThrowAnyException();
    }

    private void check(Map<String, Object> header, Map<String, Object> claims) {
        policy.check(header, claims, "https://idp.example", "client");
    }

    private void refuses(Map<String, Object> header, Map<String, Object> claims, String reason) {
        assertThatThrownBy(() -> check(header, claims)).isInstanceOf(InvalidIdTokenException.class)
                .hasMessageContaining(reason);
    }

    private static Map<String, Object> header() {
        return Map.of("alg", "RS256");
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", "https://idp.example");
        claims.put("sub", "user-1");
        claims.put("aud", "client");
        claims.put("iat", NOW.getEpochSecond() - 10);
        claims.put("exp", NOW.getEpochSecond() + 300);
        return claims;
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> claims = claims();
        claims.put(name, value);
        return claims;
    }

    private static Map<String, Object> without(String name) {
        Map<String, Object> claims = claims();
        claims.remove(name);
        return claims;
    }
}
