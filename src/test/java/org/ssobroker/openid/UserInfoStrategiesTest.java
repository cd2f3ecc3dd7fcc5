package org.ssobroker.openid;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.WebClient;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.ssobroker.openid.OpenIdFlows.browser;
import static org.ssobroker.openid.OpenIdFlows.claims;
import static org.ssobroker.openid.OpenIdFlows.encode;
import static org.ssobroker.openid.OpenIdFlows.query;
import static org.ssobroker.openid.OpenIdFlows.redeem;
import static org.ssobroker.openid.OpenIdFlows.registerApp;
import static org.ssobroker.openid.OpenIdFlows.until;
import static org.ssobroker.openid.OpenIdFlows.verify;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** The client app's userinfoResponse strategies (Idura Verify's "user info response strategy"), each decoded and verified. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserInfoStrategiesTest {

    @TestHTTPResource("/")
    URL broker;

    FakeIdp idp;
    String site;
    String appUrl;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        idp.reset();
        site = newSiteWithCatalogs();
        asPlatform().body(OpenIdFlows.idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201);
        appUrl = idp.issuer() + "/app/callback";
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    /** Registers an app with this strategy, signs in and returns the access token. */
    private String accessToken(String clientId, Map<String, Object> settings) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.put("redirectUris", List.of(appUrl));
        String secret = registerApp(site, clientId, body);
        idp.nextLogin(claims("john@encode.dk"));
        String landed;
        try (WebClient browser = browser()) {
            landed = until(browser, new URL(broker, "/site/" + site + "/authorize?client_id=" + clientId
                    + "&redirect_uri=" + encode(appUrl) + "&response_type=code&scope=openid%20email%20groups"
                    + "&nonce=n"), appUrl);
        }
        return redeem(clientId, secret, query(landed).get("code"), appUrl, null).then().statusCode(200)
                .extract().path("access_token");
    }

    @Test
    void plainJsonIsTheDefault() throws Exception {
        String token = accessToken("plain-" + site, Map.of());
        given().auth().oauth2(token).get("/site/" + site + "/userinfo").then().statusCode(200)
                .contentType("application/json").body("email", equalTo("john@encode.dk"))
                .body("access_right", equalTo("Agency User")).body("groups", hasItem("Operations"));
    }

    @Test
    void signedJwtIsSignedByTheSiteForTheApp() throws Exception {
        String app = "signed-" + site;
        String token = accessToken(app, Map.of("userinfoResponse", "signedJwt"));
        io.restassured.response.Response answer = given().auth().oauth2(token).get("/site/" + site + "/userinfo");
        answer.then().statusCode(200).contentType("application/jwt");
        JwtClaims claims = verify(site, answer.asString(), app);
        assertThat(claims.getStringClaimValue("email")).isEqualTo("john@encode.dk");
        assertThat(claims.getStringListClaimValue("groups")).contains("Operations");
    }

    @Test
    void signedAndEncryptedJwtIsAJweToTheAppsRsaKeyHoldingASignedJwt() throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("app-enc-1");
        key.setUse("enc");
        String app = "jwe-" + site;
        String token = accessToken(app, Map.of("userinfoResponse", "signedAndEncryptedJwt",
                "jwks", Map.of("keys", List.of(publicJwk(key)))));
        assertDecryptsAndVerifies(token, key, app, "RSA-OAEP-256");
    }

    @Test
    void signedAndEncryptedJwtWorksWithAnEcKeyToo() throws Exception {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("app-ec-1");
        String app = "jwe-ec-" + site;
        String token = accessToken(app, Map.of("userinfoResponse", "signedAndEncryptedJwt",
                "jwks", Map.of("keys", List.of(publicJwk(key)))));
        assertDecryptsAndVerifies(token, key, app, "ECDH-ES+A256KW");
    }

    @Test
    void fromTokenEndpointAnswersTheIdTokensClaims() throws Exception {
        String app = "fromtoken-" + site;
        String token = accessToken(app, Map.of("userinfoResponse", "fromTokenEndpoint"));
        given().auth().oauth2(token).get("/site/" + site + "/userinfo").then().statusCode(200)
                .contentType("application/json").body("email", equalTo("john@encode.dk"))
                .body("email_verified", equalTo(true)).body("access_right", equalTo("Agency User"));
    }

    @Test
    void encryptionNeedsAValidPublicKeyAtRegistration() {
        asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("authorization_code"),
                        "redirectUris", List.of(appUrl), "userinfoResponse", "signedAndEncryptedJwt"))
                .put("/api/sites/" + site + "/client-apps/nokey-" + site).then().statusCode(422)
                .body("errors.field", hasItem("jwks"));
        asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("authorization_code"),
                        "redirectUris", List.of(appUrl), "userinfoResponse", "signedAndEncryptedJwt",
                        "jwks", Map.of("keys", "nonsense")))
                .put("/api/sites/" + site + "/client-apps/badkey-" + site).then().statusCode(422)
                .body("errors.field", hasItem("jwks"));
        asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("authorization_code"),
                        "redirectUris", List.of(appUrl), "userinfoResponse", "bogus"))
                .put("/api/sites/" + site + "/client-apps/bogus-" + site).then().statusCode(422)
                .body("errors.field", hasItem("userinfoResponse"));
        asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("client_credentials"),
                        "public", true))
                .put("/api/sites/" + site + "/client-apps/pubcc-" + site).then().statusCode(422)
                .body("errors.field", hasItem("grantTypes"));
        asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("authorization_code"),
                        "redirectUris", List.of(appUrl), "loginUrl", "nope"))
                .put("/api/sites/" + site + "/client-apps/nologin-" + site).then().statusCode(422)
                .body("errors.field", hasItem("loginUrl"));
        given().get("/api/sites/" + site + "/client-apps").then().statusCode(401);
        asPlatform().get("/api/sites/" + site + "/client-apps").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aPublicClientHasNoSecretToRotateAndStaysPublic() {
        String pub = "pub-" + site;
        asPlatform().body(Map.of("public", true, "scopes", List.of("openid"), "grantTypes",
                        List.of("authorization_code"), "redirectUris", List.of(appUrl)))
                .put("/api/sites/" + site + "/client-apps/" + pub).then().statusCode(201)
                .body("public", equalTo(true)).body("clientSecret", org.hamcrest.Matchers.nullValue())
                .body("userinfoResponse", equalTo("plainJson"));
        asPlatform().post("/api/sites/" + site + "/client-apps/" + pub + "/secret").then().statusCode(409);
        asPlatform().body(Map.of("public", false, "scopes", List.of("openid"), "grantTypes",
                        List.of("authorization_code"), "redirectUris", List.of(appUrl)))
                .put("/api/sites/" + site + "/client-apps/" + pub).then().statusCode(422)
                .body("errors.field", hasItem("public"));
        // Without a secret, HTTP Basic with an empty one fails like any wrong secret.
        given().auth().preemptive().basic(pub, "").formParam("grant_type", "authorization_code")
                .formParam("code", "x").formParam("redirect_uri", appUrl).post("/oauth/token").then()
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    private static Map<String, Object> publicJwk(PublicJsonWebKey key) {
        return key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private void assertDecryptsAndVerifies(String token, PublicJsonWebKey key, String app, String algorithm)
            throws Exception {
        io.restassured.response.Response answer = given().auth().oauth2(token).get("/site/" + site + "/userinfo");
        answer.then().statusCode(200).contentType("application/jwt");
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setCompactSerialization(answer.asString());
        jwe.setKey(key.getPrivateKey());
        assertThat(jwe.getAlgorithmHeaderValue()).isEqualTo(algorithm);
        assertThat(jwe.getEncryptionMethodHeaderParameter()).isEqualTo("A256GCM");
        assertThat(jwe.getKeyIdHeaderValue()).isEqualTo(key.getKeyId());
        assertThat(jwe.getContentTypeHeaderValue()).isEqualTo("JWT");
        JwtClaims claims = verify(site, jwe.getPayload(), app);
        assertThat(claims.getStringClaimValue("email")).isEqualTo("john@encode.dk");
    }
}
