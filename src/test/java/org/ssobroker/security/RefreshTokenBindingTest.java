package org.ssobroker.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestClock;
import org.ssobroker.support.TestDb;
import org.ssobroker.token.ExpiredGrantsCleanup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/** Refresh tokens are bound to their client and site, die with the client's secret, and age out as a family. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefreshTokenBindingTest {

    @Inject
    TestClock clock;

    @Inject
    ExpiredGrantsCleanup cleanup;

    FakeIdp idp;
    String site;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        site = newSite();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aClientIdDeletedInOneSiteAndCreatedInAnotherCannotRefreshTheFirstSitesTokens() {
        String clientId = "shared-" + site;
        String secretA = client(site, clientId, true);
        String refresh = exchange(site, clientId, secretA, "anna@encode.dk").extract().path("refresh_token");
        asPlatform().delete("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(204);

        String siteB = newSite();
        String secretB = client(siteB, clientId, true);
        refresh(clientId, secretB, refresh).statusCode(400).body("error", equalTo("invalid_grant"));
        assertThat(TestDb.number("select count(*) from refresh_token where site_key = ?", siteB)).isZero();
    }

    @Test
    void aRotatedSecretRevokesTheClientsRefreshTokens() {
        String clientId = "app-" + site;
        String secret = client(site, clientId, true);
        String refresh = exchange(site, clientId, secret, "bo@encode.dk").extract().path("refresh_token");
        String rotated = asPlatform().post("/api/sites/" + site + "/client-apps/" + clientId + "/secret")
                .then().statusCode(200).extract().path("clientSecret");
        refresh(clientId, rotated, refresh).statusCode(400).body("error_description", containsString("revoked"));
    }

    @Test
    void aClientWithoutTheRefreshGrantGetsNoRefreshTokenAndNoneIsStored() {
        String clientId = "norefresh-" + site;
        String secret = client(site, clientId, false);
        exchange(site, clientId, secret, "cy@encode.dk").statusCode(200).body("refresh_token", nullValue());
        given().auth().oauth2(token(clientId, secret)).contentType("application/json")
                .body(Map.of("openIdToken", idToken("dee@encode.dk")))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                .then().statusCode(200).body("refresh_token", nullValue());
        assertThat(TestDb.number("select count(*) from refresh_token where site_key = ?", site)).isZero();
        assertThat(TestDb.number("select count(*) from app_user where site_key = ?", site)).isEqualTo(2);
    }

    @Test
    void aSignInsFamilyEndsAfterItsMaximumAgeHoweverOftenItIsRotated() {
        String clientId = "family-" + site;
        String secret = client(site, clientId, true);
        String refresh = exchange(site, clientId, secret, "ed@encode.dk").extract().path("refresh_token");
        for (int rotation = 0; rotation < 3; rotation++) {
            // Each token lives 30 days: rotated within them, the sign-in goes on (days 29, 58, 87).
            clock.advance(Duration.ofDays(29));
            refresh = refresh(clientId, secret, refresh).statusCode(200).extract().path("refresh_token");
        }
        // Day 91: the last token is 4 days old, but its sign-in is older than the family's 90 days.
        clock.advance(Duration.ofDays(4));
        refresh(clientId, secret, refresh).statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", containsString("expired"));
    }

    @Test
    void usedCodesAndExpiredRefreshTokensAreDeletedOnSchedule() {
        String clientId = "clean-" + site;
        String secret = client(site, clientId, true);
        String refresh = exchange(site, clientId, secret, "fi@encode.dk").extract().path("refresh_token");
        clock.advance(Duration.ofDays(1));
        refresh(clientId, secret, refresh).statusCode(200);
        // Day 30.5: the used token expired on day 30, its successor lives until day 31.
        clock.advance(Duration.ofDays(29).plusHours(12));
        cleanup.run();
        assertThat(TestDb.number("select count(*) from refresh_token where site_key = ?", site))
                .as("the used, expired one is gone; its successor stays").isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------

    private String newSite() {
        String key = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        asPlatform().body(doc).put("/api/sites/" + key + "/idps/cognito").then().statusCode(201);
        return key;
    }

    private static String client(String site, String clientId, boolean refreshGrant) {
        List<String> grants = refreshGrant
                ? List.of("client_credentials", "refresh_token", AccountTakeoverTest.EXCHANGE)
                : List.of("client_credentials", AccountTakeoverTest.EXCHANGE);
        return asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_cognito"),
                        "grantTypes", grants))
                .put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(201)
                .extract().path("clientSecret");
    }

    private String idToken(String email) {
        return idp.signIdToken(idp.standardClaims(AccountTakeoverTest.claims("sub-" + email, email, true)));
    }

    private ValidatableResponse exchange(String site, String clientId, String secret, String email) {
        return given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", AccountTakeoverTest.EXCHANGE)
                .formParam("subject_token", idToken(email))
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("audience", site + "/cognito").post("/oauth/token").then();
    }

    private static ValidatableResponse refresh(String clientId, String secret, String refreshToken) {
        return given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken).post("/oauth/token").then();
    }
}
