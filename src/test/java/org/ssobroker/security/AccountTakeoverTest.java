package org.ssobroker.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestDb;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/**
 * Account takeover through the IdP's claims: a second account of the same IdP that sets its email
 * to the victim's, by browser and by both exchange endpoints; a sub that changed under a linked
 * external id; an unverified email against the domain allow-list. Each fails with nothing stored
 * and no mail sent.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountTakeoverTest {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String VICTIM = "victim@encode.dk";

    @TestHTTPResource("/")
    URL broker;

    @Inject
    MockMailbox mailbox;

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
        asPlatform().body(document()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        clientId = "app-" + site;
        secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_cognito"),
                        "grantTypes", List.of("client_credentials", "refresh_token", EXCHANGE)))
                .put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(201)
                .extract().path("clientSecret");
        mailbox.clear();
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    /** The victim signs in once (verified email); the attacker is another account of the same IdP. */
    private String victimSignsIn() {
        provision(idp.signIdToken(idp.standardClaims(claims("victim-sub", VICTIM, true)))).statusCode(200);
        mailbox.clear();
        return victim();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "missing", "FALSE"})
    void anUnverifiedEmailOfAnotherAccountNeverSignsInAsTheVictimByBrowser(String verified) throws Exception {
        String before = victimSignsIn();
        idp.nextLogin(claims("attacker-sub", VICTIM, verified));
        try (WebClient browser = browser()) {
            Page page = browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(page.getWebResponse().getContentAsString()).contains("not verified");
        }
        assertNothingChanged(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "missing"})
    void anUnverifiedEmailOfAnotherAccountNeverSignsInAsTheVictimByExchange(String verified) {
        String before = victimSignsIn();
        String forged = idp.signIdToken(idp.standardClaims(claims("attacker-sub", VICTIM, verified)));
        provision(forged).statusCode(403).body("error", equalTo("access_denied"))
                .body("error_description", containsString("not verified"));
        exchange(forged).statusCode(403).body("error", equalTo("access_denied"))
                .body("error_description", containsString("not verified"));
        assertNothingChanged(before);
        assertThat(TestDb.number("select count(*) from refresh_token where site_key = ?", site)).isEqualTo(1);
    }

    @Test
    void aVerifiedEmailUnderAnotherSubIsRefusedOnceTheLinkHasItsSub() throws Exception {
        String before = victimSignsIn();
        // e.g. the victim's address was reassigned to a new account at the IdP
        String other = idp.signIdToken(idp.standardClaims(claims("someone-else", VICTIM, true)));
        provision(other).statusCode(403).body("error_description", containsString("not the one linked"));
        idp.nextLogin(claims("someone-else", VICTIM, true));
        try (WebClient browser = browser()) {
            Page page = browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        }
        assertNothingChanged(before);
        // The victim still signs in.
        provision(idp.signIdToken(idp.standardClaims(claims("victim-sub", VICTIM, true)))).statusCode(200);
    }

    @Test
    void aLinkMadeBeforeSubjectsWereRecordedTakesItsSubAtTheNextLogin() {
        victimSignsIn();
        TestDb.update("update user_idp_link set subject = null, issuer = null where user_id = cast(? as uuid)", victim());
        provision(idp.signIdToken(idp.standardClaims(claims("victim-sub", VICTIM, true)))).statusCode(200);
        assertThat(TestDb.number("select count(*) from user_idp_link where user_id = cast(? as uuid) "
                + "and subject = 'victim-sub' and issuer = ?", victim(), idp.issuer())).isEqualTo(1);
    }

    @Test
    void cognitosStringTrueCountsAsVerified() {
        Map<String, Object> claims = claims("cognito-sub", "anna@encode.dk", "true");
        provision(idp.signIdToken(idp.standardClaims(claims))).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users").then().body("[0].email", equalTo("anna@encode.dk"));
    }

    @Test
    void anUnverifiedEmailDoesNotPassTheDomainAllowListNorBecomeTheEmail() {
        // Identified by sub: the login is possible, but the email must not count.
        ObjectNode doc = document();
        ((ObjectNode) doc.get("oidc")).put("externalUserIdAttribute", "sub");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200);
        String token = idp.signIdToken(idp.standardClaims(claims("eve-sub", "eve@encode.dk", false)));
        provision(token).statusCode(403).body("error_description", containsString("verified email"));
        assertThat(users()).isZero();
        assertThat(mailbox.getTotalMessagesSent()).isZero();

        // Without an allow-list the user may sign in, but the unverified address is neither stored nor mailed.
        doc.putArray("emailDomains");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200);
        provision(token).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users").then().body("[0].login", equalTo("eve-sub"))
                .body("[0].email", equalTo(null));
        assertThat(mailbox.getTotalMessagesSent()).isZero();
    }

    @Test
    void trustUnverifiedEmailAcceptsItAndTheIdpSaysTheRisk() {
        ObjectNode doc = document();
        doc.put("trustUnverifiedEmail", true);
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200)
                .body("trustUnverifiedEmail", equalTo(true))
                .body("warnings", hasItem(containsString("sign in as the user who owns that address")));
        provision(idp.signIdToken(idp.standardClaims(claims("bob-sub", "bob@encode.dk", false)))).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users").then().body("[0].email", equalTo("bob@encode.dk"));
    }

    @Test
    void anAdminRemovesALinkAndTheNextLoginRelinksOnPurpose() {
        victimSignsIn();
        String user = victim();
        asPlatform().delete("/api/sites/" + site + "/users/" + user + "/links/cognito").then().statusCode(204);
        asPlatform().delete("/api/sites/" + site + "/users/" + user + "/links/cognito").then().statusCode(404)
                .body("detail", containsString("no link"));
        asPlatform().get("/api/sites/" + site + "/users/" + user).then().body("idps.size()", equalTo(0));
        // The IdP account was re-created (a new sub): after the admin's unlink it may claim the user.
        provision(idp.signIdToken(idp.standardClaims(claims("new-sub", VICTIM, true)))).statusCode(200);
        asPlatform().get("/api/sites/" + site + "/users/" + user).then().body("idps[0].nameId", equalTo("cognito"));
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void anotherSitesAdminCannotRemoveLinks() {
        String user = victimSignsIn();
        String otherSite = newSiteWithCatalogs();
        String otherAdmin = "admin-" + otherSite;
        String otherSecret = asPlatform().body(Map.of("scopes", List.of("site_" + otherSite + "_admin")))
                .put("/api/sites/" + otherSite + "/client-apps/" + otherAdmin).then().statusCode(201)
                .extract().path("clientSecret");
        given().auth().oauth2(token(otherAdmin, otherSecret))
                .delete("/api/sites/" + site + "/users/" + user + "/links/cognito").then().statusCode(403);
        asPlatform().get("/api/sites/" + site + "/users/" + user).then().body("idps.size()", equalTo(1));
    }

    // ---------------------------------------------------------------------------------------------

    private ObjectNode document() {
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        return doc;
    }

    /** Claims of an account at the IdP; {@code verified} is "true", "false", "missing" or a boolean. */
    static Map<String, Object> claims(String sub, String email, Object verified) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", sub);
        claims.put("email", email);
        claims.put("email_verified", "missing".equals(verified) ? FakeIdp.OMIT
                : "false".equals(verified) ? Boolean.FALSE : verified);
        claims.put("name", "Someone");
        claims.put("cognito:groups", List.of("OPS"));
        claims.put("custom:access_Right_AWS", "Agency");
        return claims;
    }

    private void assertNothingChanged(String victimBefore) {
        assertThat(users()).as("no user created").isEqualTo(1);
        assertThat(victim()).isEqualTo(victimBefore);
        assertThat(TestDb.number("select count(*) from user_idp_link l join app_user u on u.id = l.user_id "
                + "where u.site_key = ? and l.subject = 'victim-sub'", site)).isEqualTo(1);
        assertThat(mailbox.getTotalMessagesSent()).as("no mail").isZero();
    }

    private long users() {
        return TestDb.number("select count(*) from app_user where site_key = ?", site);
    }

    private String victim() {
        return asPlatform().get("/api/sites/" + site + "/users").then().extract().path("[0].id");
    }

    private ValidatableResponse provision(String idToken) {
        return given().auth().oauth2(token(clientId, secret)).contentType("application/json")
                .body(Map.of("openIdToken", idToken))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken").then();
    }

    private ValidatableResponse exchange(String idToken) {
        return given().auth().preemptive().basic(clientId, secret).formParam("grant_type", EXCHANGE)
                .formParam("subject_token", idToken)
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("audience", site + "/cognito").post("/oauth/token").then();
    }

    static WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        return browser;
    }
}
