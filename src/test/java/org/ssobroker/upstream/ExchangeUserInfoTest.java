package org.ssobroker.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.login.BrowserLoginTestAccess;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestDb;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/**
 * Claims an IdP puts only in userinfo (here: the groups) map on the exchange as in the browser,
 * when the app sends the user's upstream access token: plain JSON or a signed JWT; userinfo of
 * another user is refused with nothing stored.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeUserInfoTest {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    @TestHTTPResource("/")
    URL broker;

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
        ObjectNode doc = BrowserLoginTestAccess.idpDocument(idp);
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        clientId = "app-" + site;
        secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_cognito"),
                        "grantTypes", List.of("client_credentials", EXCHANGE)))
                .put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(201)
                .extract().path("clientSecret");
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void groupsOnlyInUserinfoMapOnTheExchangeWithTheAccessToken() {
        String accessToken = idp.accessTokenFor(Map.of("sub", "sub-ulla@encode.dk", "cognito:groups", List.of("QA")));
        provision(idToken("ulla@encode.dk"), accessToken).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("[0].groups", containsInAnyOrder("Quality", "Operations", "Everyone"));
    }

    @Test
    void aSignedUserinfoAnswerIsVerifiedWithTheIdpsKeys() {
        idp.signedUserInfo(true);
        String accessToken = idp.accessTokenFor(Map.of("sub", "sub-sven@encode.dk", "cognito:groups", List.of("QA")));
        exchange(idToken("sven@encode.dk"), accessToken).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("[0].groups", containsInAnyOrder("Quality", "Operations", "Everyone"));
    }

    @Test
    void userinfoOfAnotherUserIsRefusedAndNothingIsStored() {
        String othersToken = idp.accessTokenFor(Map.of("sub", "someone-else", "cognito:groups", List.of("QA")));
        provision(idToken("vera@encode.dk"), othersToken).statusCode(401).body("error", equalTo("invalid_token"))
                .body("error_description", containsString("another user"));
        exchange(idToken("vera@encode.dk"), othersToken).statusCode(400)
                .body("error_description", containsString("another user"));
        provision(idToken("vera@encode.dk"), "not-a-token-of-the-idp").statusCode(401)
                .body("error_description", containsString("refused the access token"));
        assertThat(TestDb.number("select count(*) from app_user where site_key = ?", site)).isZero();
    }

    @Test
    void theBrowserAndTheExchangeGiveTheSameUserForTheSameIdpUser() throws Exception {
        Map<String, Object> claims = new HashMap<>(BrowserLoginTestAccess.claims("wim@encode.dk", List.of(), "Agency"));
        claims.remove("cognito:groups"); // the groups are in userinfo only
        idp.nextLogin(claims).userInfo(Map.of("sub", "sub-wim@encode.dk", "cognito:groups", List.of("QA")));
        try (WebClient browser = BrowserLoginTestAccess.browser()) {
            browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/cognito"));
        }
        String browserView = asPlatform().get("/api/sites/" + site + "/users").then().extract().asString();

        String accessToken = idp.accessTokenFor(Map.of("sub", "sub-wim@encode.dk", "cognito:groups", List.of("QA")));
        provision(idp.signIdToken(idp.standardClaims(claims)), accessToken).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1))
                .body("[0].groups", containsInAnyOrder("Quality", "Operations", "Everyone"))
                .body("[0].accessRight", equalTo("Agency User"));
        assertThat(browserView).contains("Quality");
    }

    @Test
    void anActorTokenMustBeAnAccessToken() {
        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", EXCHANGE)
                .formParam("subject_token", idToken("xi@encode.dk"))
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("actor_token", "x").formParam("actor_token_type", "urn:ietf:params:oauth:token-type:jwt")
                .formParam("audience", site + "/cognito").post("/oauth/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    private String idToken(String email) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "sub-" + email);
        claims.put("email", email);
        claims.put("custom:access_Right_AWS", "Agency");
        return idp.signIdToken(idp.standardClaims(claims));
    }

    private ValidatableResponse provision(String idToken, String accessToken) {
        return given().auth().oauth2(token(clientId, secret)).contentType("application/json")
                .body(Map.of("openIdToken", idToken, "accessToken", accessToken))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken").then();
    }

    private ValidatableResponse exchange(String idToken, String accessToken) {
        return given().auth().preemptive().basic(clientId, secret).formParam("grant_type", EXCHANGE)
                .formParam("subject_token", idToken)
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("actor_token", accessToken)
                .formParam("actor_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .formParam("audience", site + "/cognito").post("/oauth/token").then();
    }
}
