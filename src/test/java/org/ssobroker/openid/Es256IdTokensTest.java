package org.ssobroker.openid;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.htmlunit.WebClient;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.Es256Profile;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestApi;

import java.net.URL;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.openid.OpenIdFlows.browser;
import static org.ssobroker.openid.OpenIdFlows.claims;
import static org.ssobroker.openid.OpenIdFlows.encode;
import static org.ssobroker.openid.OpenIdFlows.query;
import static org.ssobroker.openid.OpenIdFlows.redeem;
import static org.ssobroker.openid.OpenIdFlows.until;
import static org.ssobroker.openid.OpenIdFlows.verify;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * With the broker's EC key configured, an app may ask for ES256 id_tokens
 * ({@code idTokenSignedResponseAlg}); every other app keeps RS256, which OpenID Connect requires.
 */
@QuarkusTest
@TestProfile(Es256Profile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Es256IdTokensTest {

    @TestHTTPResource("/")
    URL broker;

    FakeIdp idp;

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void anAppThatAsksForEs256GetsEs256IdTokensAndTheOthersRs256() throws Exception {
        idp = FakeIdp.start();
        String site = newSiteWithCatalogs();
        asPlatform().body(OpenIdFlows.idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201);
        given().get("/site/" + site + "/.well-known/openid-configuration").then().statusCode(200)
                .body("id_token_signing_alg_values_supported", contains("RS256", "ES256"));

        assertThat(idTokenAlgorithm(site, "rsa-" + site, Map.of())).isEqualTo("RS256");
        assertThat(idTokenAlgorithm(site, "ec-" + site, Map.of("idTokenSignedResponseAlg", "ES256")))
                .isEqualTo("ES256");
        asPlatform().get("/api/sites/" + site + "/client-apps/ec-" + site).then()
                .body("idTokenSignedResponseAlg", equalTo("ES256"));
        asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("authorization_code"),
                        "redirectUris", List.of("https://app.example.com/cb"), "idTokenSignedResponseAlg", "HS256"))
                .put("/api/sites/" + site + "/client-apps/hmac-" + site).then().statusCode(422)
                .body("errors[0].field", equalTo("idTokenSignedResponseAlg"));
        asPlatform().get("/api/sites/" + site + "/client-apps/hmac-" + site).then().statusCode(404);
    }

    /** Registers the app, signs a user in through it and redeems the code: the id_token's alg, once verified. */
    private String idTokenAlgorithm(String site, String app, Map<String, Object> extra) throws Exception {
        String appUrl = idp.issuer() + "/app/callback";
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("redirectUris", List.of(appUrl));
        String secret = OpenIdFlows.registerApp(site, app, settings);
        idp.nextLogin(claims("john@encode.dk"));
        String landed;
        try (WebClient browser = browser()) {
            landed = until(browser, new URL(broker, "/site/" + site + "/authorize?client_id=" + encode(app)
                    + "&redirect_uri=" + encode(appUrl) + "&response_type=code&scope=openid&state=s1"), appUrl);
        }
        String idToken = redeem(app, secret, query(landed).get("code"), appUrl, null).then().statusCode(200)
                .extract().path("id_token");
        JwtClaims claims = verify(site, idToken, app);
        assertThat(claims.getSubject()).isNotBlank();
        Map<?, ?> header = TestApi.JSON.readValue(Base64.getUrlDecoder().decode(idToken.split("\\.")[0]), Map.class);
        return (String) header.get("alg");
    }
}
