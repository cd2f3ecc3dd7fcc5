package org.ssobroker.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestClock;
import org.ssobroker.support.TestDb;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/** provisionByOpenIdToken, the RFC 8693 grant, refresh rotation and /me, against a fake IdP's JWKS. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenExchangeTest {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    FakeIdp idp;
    String site;
    String clientId;
    String secret;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        idp.reset();
        site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        clientId = "plugin-" + site;
        secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_cognito"),
                        "grantTypes", List.of("client_credentials", "refresh_token", EXCHANGE)))
                .put("/api/sites/" + site + "/client-apps/" + clientId)
                .then().statusCode(201).extract().path("clientSecret");
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aGoodIdTokenProvisionsTheUserAndAnswersTheContract() {
        Map<String, Object> answer = provision(idTokenFor("john@encode.dk")).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("bearer"))
                .body("scope", equalTo("site_" + site + "_internalApi"))
                .body("expires_in", equalTo(14400))
                .body("jti", notNullValue())
                .body("refresh_token", notNullValue())
                .extract().as(Map.class);
        assertThat(answer).containsOnlyKeys("access_token", "refresh_token", "token_type", "scope", "expires_in",
                "jti");
        assertThat((String) answer.get("refresh_token")).hasSizeGreaterThanOrEqualTo(43);

        given().auth().oauth2((String) answer.get("access_token")).get("/rest/internal/site/" + site + "/me")
                .then().statusCode(200)
                .body("login", equalTo("john@encode.dk"))
                .body("accessRight", equalTo("Agency User"))
                .body("groups", containsInAnyOrder("Operations", "Quality", "Everyone"))
                .body("attributes.employeeId", equalTo("66"))
                .body("idps[0].nameId", equalTo("cognito"));

        provision(idTokenFor("john@encode.dk")).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1));
    }

    @Test
    void theCallerNeedsExactlyThisSitesAndIdpsScope() {
        String otherSite = newSiteWithCatalogs();
        String otherClient = "other-" + otherSite;
        ObjectNode doc = cognitoDocument();
        ((ObjectNode) doc.get("oidc")).put("configUrl", idp.configUrl());
        asPlatform().body(doc).put("/api/sites/" + otherSite + "/idps/cognito").then().statusCode(201);
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/okta").then().statusCode(201);
        String otherSecret = asPlatform().body(Map.of("scopes",
                        List.of("site_" + otherSite + "_provisionByOpenIdToken_cognito")))
                .put("/api/sites/" + otherSite + "/client-apps/" + otherClient)
                .then().statusCode(201).extract().path("clientSecret");
        String foreign = token(otherClient, otherSecret);
        given().auth().oauth2(foreign).contentType("application/json")
                .body(Map.of("openIdToken", idTokenFor("john@encode.dk")))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().auth().oauth2(token(clientId, secret)).contentType("application/json")
                .body(Map.of("openIdToken", idTokenFor("john@encode.dk")))
                .post("/rest/external/site/" + site + "/idp/okta/provisionByOpenIdToken")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().contentType("application/json").body(Map.of("openIdToken", "x"))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                .then().statusCode(401).body("error", equalTo("invalid_token"))
                .header("WWW-Authenticate", containsString("Bearer"));
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                forged("alg none", idp -> unsigned(idp, "none", "c2ln"), "algorithm none"),
                forged("HS256 signed with the IdP's public key", TokenExchangeTest::hmacWithPublicKey,
                        "algorithm HS256"),
                forged("wrong iss", idp -> idp.signIdToken(claims(idp, Map.of("iss", "https://evil.example"))),
                        "is not the IdP's issuer"),
                forged("wrong aud", idp -> idp.signIdToken(claims(idp, Map.of("aud", "someone-else"))),
                        "does not contain the IdP's client id"),
                forged("several audiences without azp",
                        idp -> idp.signIdToken(claims(idp, Map.of("aud", List.of(idp.clientId(), "other")))), "azp"),
                forged("expired", idp -> idp.signIdToken(claims(idp, Map.of("exp", now() - 3600))), "expired"),
                forged("nbf in the future", idp -> idp.signIdToken(claims(idp, Map.of("nbf", now() + 3600))),
                        "not valid before"),
                forged("unknown kid after refetch", idp -> idp.signIdToken(claims(idp, Map.of()), "no-such-kid"),
                        "no key with kid 'no-such-kid'"),
                forged("tampered payload", TokenExchangeTest::tampered, "signature is invalid"),
                forged("garbage", idp -> "not-a-jwt", "not a signed JWT"),
                forged("oversized", idp -> "a".repeat(20_000) + ".b.c", "larger than"),
                forged("Cognito access token", idp -> idp.signIdToken(claims(idp, Map.of("token_use", "access"))),
                        "access token"),
                forged("an access token (typ at+jwt)", idp -> idp.signAccessToken(claims(idp, Map.of())),
                        "access token (typ at+jwt)"),
                forged("an access token (scp claim)", idp -> idp.signIdToken(claims(idp, Map.of("scp", "read"))),
                        "access token (scp claim)"),
                forged("no sub", idp -> idp.signIdToken(without(claims(idp, Map.of()), "sub")), "no sub"),
                forged("no iat", idp -> idp.signIdToken(without(claims(idp, Map.of()), "iat")), "no iat"),
                forged("azp of another client", idp -> idp.signIdToken(claims(idp, Map.of("azp", "other-client"))),
                        "azp 'other-client'"));
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        claims.remove(name);
        return claims;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedTokensAreRefusedWithTheirReason(String name, Function<FakeIdp, String> forge, String reason) {
        provision(forge.apply(idp)).statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("error_description", containsString(reason))
                .header("WWW-Authenticate", containsString("Bearer"));
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    @Test
    void anUnknownKidRefetchesTheJwksAtMostOncePerInterval() {
        provision(idTokenFor("john@encode.dk")).statusCode(200);
        int before = idp.jwksRequests();
        provision(idp.signIdToken(claims(idp, Map.of()), "unknown-1")).statusCode(401);
        provision(idp.signIdToken(claims(idp, Map.of()), "unknown-2")).statusCode(401);
        assertThat(idp.jwksRequests() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void aRotatedKeyIsAcceptedWithoutRestart() {
        provision(idTokenFor("john@encode.dk")).statusCode(200);
        String newKid = idp.rotateKey();
        String signedWithNewKey = idp.signIdToken(claims(idp, cognitoClaims("john@encode.dk")), newKid);
        // Past the minimum refetch interval of the test profile (1 s), the unknown kid refetches.
        pastTheJwksRefetchInterval(() -> provision(signedWithNewKey).statusCode(200));
        provision(idp.signIdToken(claims(idp, cognitoClaims("john@encode.dk")), newKid)).statusCode(200);
    }

    /** Runs {@code check} once the refetch interval has passed: the test clock is moved past it, not slept. */
    void pastTheJwksRefetchInterval(Runnable check) {
        TestClock clock = Arc.container().instance(TestClock.class).get();
        clock.advance(Duration.ofMillis(1100));
        try {
            check.run();
        } finally {
            clock.reset();
        }
    }

    @Test
    void aDisallowedEmailDomainIsRefusedAndNothingStored() {
        provision(idTokenFor("eve@evil.example")).statusCode(403).body("error", equalTo("access_denied"))
                .body("error_description", containsString("eve@evil.example"));
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    @Test
    void aLoginOwnedThroughAnotherIdpIsRefusedAndNoSignInIsStored() {
        provision(idTokenFor("john@encode.dk")).statusCode(200);
        ObjectNode other = cognitoDocument();
        ObjectNode oidc = (ObjectNode) other.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        asPlatform().body(other).put("/api/sites/" + site + "/idps/second").then().statusCode(201);
        String secondApp = "second-" + site;
        String secondSecret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_second")))
                .put("/api/sites/" + site + "/client-apps/" + secondApp)
                .then().statusCode(201).extract().path("clientSecret");

        given().auth().oauth2(token(secondApp, secondSecret)).contentType("application/json")
                .body(Map.of("openIdToken", idTokenFor("john@encode.dk")))
                .post("/rest/external/site/" + site + "/idp/second/provisionByOpenIdToken")
                .then().statusCode(403).body("error", equalTo("access_denied"))
                .body("error_description", containsString("already exists"));

        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1))
                .body("[0].idps.nameId", containsInAnyOrder("cognito"));
        assertThat(TestDb.number("select count(*) from refresh_token where site_key = ?", site)).isEqualTo(1);
    }

    @Test
    void refreshTokensRotateAndAReplayRevokesTheSignIn() {
        String refresh = provision(idTokenFor("john@encode.dk")).statusCode(200).extract().path("refresh_token");
        String rotated = refresh(refresh).statusCode(200)
                .body("scope", equalTo("site_" + site + "_internalApi"))
                .body("access_token", notNullValue())
                .extract().path("refresh_token");
        assertThat(rotated).isNotEqualTo(refresh);

        refresh(refresh).statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("already used"));
        refresh(rotated).statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("revoked"));
        refresh("unknown").statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void theTokenExchangeGrantGivesTheSameUserAsProvisionByOpenIdToken() {
        String viaRest = provision(idTokenFor("john@encode.dk")).statusCode(200).extract().path("access_token");
        String viaGrant = given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", EXCHANGE)
                .formParam("subject_token", idTokenFor("john@encode.dk"))
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("audience", site + "/cognito")
                .post("/oauth/token").then().statusCode(200)
                .body("issued_token_type", equalTo("urn:ietf:params:oauth:token-type:access_token"))
                .body("token_type", equalTo("bearer"))
                .body("refresh_token", notNullValue())
                .extract().path("access_token");
        Map<?, ?> one = given().auth().oauth2(viaRest).get("/rest/internal/site/" + site + "/me").as(Map.class);
        Map<?, ?> two = given().auth().oauth2(viaGrant).get("/rest/internal/site/" + site + "/me").as(Map.class);
        one.remove("lastLoginAt");
        two.remove("lastLoginAt");
        assertThat(two).isEqualTo(one);

        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", EXCHANGE)
                .formParam("subject_token", "garbage")
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("audience", site + "/cognito")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", EXCHANGE)
                .formParam("subject_token", idTokenFor("john@encode.dk"))
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("audience", "other/cognito")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_target"));
    }

    @Test
    void twentyParallelExchangesOfANewUserMakeOneUser() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> provision(idTokenFor("burst@encode.dk")).extract().statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1));
    }

    @Test
    void aUserCreatedByABrowserLoginIsFoundByTheExchange() throws Exception {
        idp.nextLogin(cognitoClaims("john@encode.dk"));
        try (org.htmlunit.WebClient browser = new org.htmlunit.WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            int status = browser.getPage(new java.net.URL(new java.net.URL(io.restassured.RestAssured.baseURI + ":"
                            + io.restassured.RestAssured.port), "/site/" + site + "/oauth2/authorization/cognito"))
                    .getWebResponse().getStatusCode();
            assertThat(status).isEqualTo(200);
        }
        String userId = asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1))
                .extract().path("[0].id");
        String access = provision(idTokenFor("john@encode.dk")).statusCode(200).extract().path("access_token");
        given().auth().oauth2(access).get("/rest/internal/site/" + site + "/me").then().body("id", equalTo(userId));
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1));
    }

    @Test
    void meNeedsAUserTokenOfThisSite() {
        given().auth().oauth2(token(clientId, secret)).get("/rest/internal/site/" + site + "/me")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().get("/rest/internal/site/" + site + "/me").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void malformedBodiesAreInvalidRequests() {
        String token = token(clientId, secret);
        given().auth().oauth2(token).contentType("application/json").body("{\"openIdToken\":")
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(token).contentType("application/json").body("{\"openIdToken\":{\"a\":1}}")
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("openIdToken"));
    }

    private ValidatableResponse provision(String idToken) {
        return given().auth().oauth2(token(clientId, secret)).contentType("application/json")
                .body(Map.of("openIdToken", idToken))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken").then();
    }

    private ValidatableResponse refresh(String refreshToken) {
        return given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken).post("/oauth/token").then();
    }

    private String idTokenFor(String email) {
        return idp.signIdToken(claims(idp, cognitoClaims(email)));
    }

    private static Map<String, Object> cognitoClaims(String email) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "sub-" + email);
        claims.put("email", email);
        claims.put("token_use", "id");
        claims.put("cognito:groups", List.of("OPS", "QA"));
        claims.put("custom:access_Right_AWS", "Agency");
        claims.put("custom:aws_id", "66");
        return claims;
    }

    private static Map<String, Object> claims(FakeIdp idp, Map<String, Object> extra) {
        Map<String, Object> claims = new HashMap<>(idp.standardClaims(Map.of("sub", "s-1", "email", "x@encode.dk")));
        claims.putAll(extra);
        return claims;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String unsigned(FakeIdp idp, String alg, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(org.jose4j.json.JsonUtil.toJson(claims(idp, Map.of()))
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + signature;
    }

    private static String hmacWithPublicKey(FakeIdp idp) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(org.jose4j.json.JsonUtil.toJson(claims(idp, Map.of())));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue(idp.currentKeyId());
            jws.setKey(new HmacKey(idp.publicKey().getEncoded()));
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered(FakeIdp idp) {
        String[] parts = idp.signIdToken(claims(idp, Map.of("email", "x@encode.dk"))).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("x@encode.dk", "admin@encode.dk");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static Arguments forged(String name, Function<FakeIdp, String> forge, String reason) {
        return Arguments.of(name, forge, reason);
    }
}
