package org.ssobroker.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.login.BrowserLoginTestAccess;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestClock;
import org.ssobroker.support.TestDb;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.ssobroker.support.TestApi.JSON;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.management;
import static org.ssobroker.support.TestApi.newClientApp;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/**
 * Entra ID group overage against a fake Microsoft Graph (WireMock): a user in 250 groups, whose
 * token carries a pointer instead of them, gets the groups Graph lists over three pages, mapped by
 * object id and by display name; a token without overage calls nothing; Graph down refuses the
 * sign-in naming Graph (nothing stored), or with {@code keepPrevious} signs in leaving the
 * groups as they were.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupOverageTest {

    static final String OID = "5f1c2a7e-9d3b-4c1a-8e2f-0a1b2c3d4e5f";
    static final String NAMED_GROUP = groupId(42);
    static final String LAST_PAGE_GROUP = groupId(249);

    @TestHTTPResource("/")
    URL broker;

    @Inject
    TestClock clock;

    FakeIdp idp;
    WireMockServer graph;
    String site;
    String clientId;
    String secret;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
            graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            graph.start();
        }
        idp.reset();
        graph.resetAll();
        site = newSiteWithCatalogs();
        clientId = "app-" + site;
        secret = null;
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
            graph.stop();
        }
    }

    @Test
    void twoHundredFiftyGroupsOverThreePagesMapBySiteGroupsWithIdsAndNames() {
        putIdp("refuse", true);
        graphListsTheGroups();

        provision(overageToken("ada@encode.dk")).statusCode(200);

        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("[0].groups", containsInAnyOrder("Quality", "Operations", "Everyone"));
        // The broker's app-only token: the IdP's client, client_credentials, Graph's .default scope.
        assertThat(idp.appTokenRequests()).isEqualTo(1);
        assertThat(idp.lastTokenRequest()).containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "http://127.0.0.1:" + graph.port() + "/.default");
        graph.verify(1, anyRequestedFor(urlPathEqualTo(memberObjectsPath())).withHeader("Authorization",
                matching("Bearer " + FakeIdp.APP_TOKEN_PREFIX + ".+")).withRequestBody(
                        matching(".*\"securityEnabledOnly\"\\s*:\\s*false.*")));
        graph.verify(2, anyRequestedFor(urlPathEqualTo(memberObjectsPath())).withQueryParam("$skiptoken",
                matching("p[23]")));
        graph.verify(1, anyRequestedFor(urlPathEqualTo("/v1.0/directoryObjects/getByIds")));

        // Within the cache time, the next sign-in of the same user asks Graph nothing.
        int calls = graph.getAllServeEvents().size();
        provision(overageToken("ada@encode.dk")).statusCode(200);
        assertThat(graph.getAllServeEvents()).hasSize(calls);
    }

    @Test
    void withoutResolveNamesOnlyObjectIdsMap() {
        putIdp("refuse", false);
        graphListsTheGroups();

        provision(overageToken("bo@encode.dk")).statusCode(200);

        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("[0].groups", containsInAnyOrder("Quality", "Everyone"));
        graph.verify(0, anyRequestedFor(urlPathEqualTo("/v1.0/directoryObjects/getByIds")));
    }

    @Test
    void aTokenWithoutOverageMakesNoGraphCall() {
        putIdp("refuse", true);
        graphListsTheGroups();
        Map<String, Object> claims = claims("cy@encode.dk");
        claims.put("groups", List.of(LAST_PAGE_GROUP));

        provision(idp.signIdToken(idp.standardClaims(claims))).statusCode(200);

        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("[0].groups", containsInAnyOrder("Quality", "Everyone"));
        assertThat(graph.getAllServeEvents()).isEmpty();
        assertThat(idp.appTokenRequests()).isZero();
    }

    @Test
    void graphDownWithRefuseFailsNamingGraphAndStoresNothing() throws Exception {
        putIdp("refuse", true);
        graph.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));

        provision(overageToken("dan@encode.dk")).statusCode(503)
                .body("error", org.hamcrest.Matchers.equalTo("temporarily_unavailable"))
                .body("error_description", containsString("Microsoft Graph"));

        idp.nextLogin(claimsWithOverage("dan@encode.dk"));
        try (WebClient browser = BrowserLoginTestAccess.browser()) {
            Page page = browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/entra"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(503);
            assertThat(page.getWebResponse().getContentAsString()).contains("Microsoft Graph")
                    .doesNotContain("Exception");
        }
        assertThat(TestDb.number("select count(*) from app_user where site_key = ?", site)).isZero();
        // Graph's calls are counted per IdP with their outcome (and timed).
        String metrics = given().get(management("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(line -> line.startsWith("sso_broker_upstream_calls_seconds_count")
                && line.contains("endpoint=\"graph\"") && line.contains("outcome=\"failure\"")
                && line.contains("site=\"" + site + "\""))).singleElement().asString().endsWith(" 2.0");
    }

    @Test
    void graphDownWithKeepPreviousSignsInAndLeavesTheGroupsAsTheyWere() throws Exception {
        putIdp("keepPrevious", true);
        graphListsTheGroups();
        idp.nextLogin(claimsWithOverage("eva@encode.dk"));
        try (WebClient browser = BrowserLoginTestAccess.browser()) {
            Page page = browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/entra"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        }
        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("[0].groups", containsInAnyOrder("Quality", "Operations", "Everyone"));

        graph.resetAll();
        graph.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        clock.advance(Duration.ofMinutes(6)); // past the per-user cache
        Map<String, Object> later = claimsWithOverage("eva@encode.dk");
        later.put("iat", clock.instant().getEpochSecond());
        later.put("exp", clock.instant().plusSeconds(300).getEpochSecond());
        provision(idp.signIdToken(idp.standardClaims(later))).statusCode(200);

        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].groups", containsInAnyOrder("Quality", "Operations", "Everyone"))
                .body("[0].accessRight", org.hamcrest.Matchers.equalTo("Agency User"));
        assertThat(graph.getAllServeEvents()).isNotEmpty();
    }

    @Test
    void keepPreviousStillRefusesWhenTheAccessRightComesFromTheUnreadableGroups() {
        ObjectNode doc = document("keepPrevious", false);
        ((ObjectNode) doc.get("accessRightMapping")).put("claim", "groups");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/entra").then().statusCode(201);
        graph.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));

        provision(overageToken("fay@encode.dk")).statusCode(403)
                .body("error_description", containsString("could not be read"));
        assertThat(TestDb.number("select count(*) from app_user where site_key = ?", site)).isZero();
    }

    @Test
    void aNextPageLinkOffTheGraphBaseIsNotFollowed() {
        putIdp("refuse", false);
        graph.stubFor(post(urlPathEqualTo(memberObjectsPath())).willReturn(okJson(page(0, 10,
                "http://169.254.169.254/latest/meta-data?$skiptoken=x"))));

        provision(overageToken("gus@encode.dk")).statusCode(503)
                .body("error_description", containsString("next-page link"));
        assertThat(graph.getAllServeEvents()).hasSize(1);
    }

    @Test
    void settingsAreValidatedAndEntraIdGetsTheDefaults() {
        ObjectNode bad = document("sometimes", false);
        ((ObjectNode) bad.get("groupOverage")).put("graphBaseUrl", "http://169.254.169.254/v1.0");
        asPlatform().body(bad).put("/api/sites/" + site + "/idps/entra").then().statusCode(422)
                .body("errors.field", hasItem("groupOverage.onGroupFetchFailure"))
                .body("errors.field", hasItem("groupOverage.graphBaseUrl"));

        ObjectNode plain = document("refuse", false);
        plain.remove("groupOverage");
        asPlatform().body(plain).put("/api/sites/" + site + "/idps/entra").then().statusCode(201);
        asPlatform().get("/api/sites/" + site + "/idps/entra").then()
                .body("groupOverage.graphBaseUrl", org.hamcrest.Matchers.equalTo("https://graph.microsoft.com/v1.0"))
                .body("groupOverage.onGroupFetchFailure", org.hamcrest.Matchers.equalTo("refuse"));
    }

    // ------------------------------------------------------------------ the fake Graph and IdP

    private void graphListsTheGroups() {
        String base = graphBase();
        graph.stubFor(authorized(post(urlPathEqualTo(memberObjectsPath())))
                .willReturn(okJson(page(0, 100, base + "/users/" + OID + "/getMemberObjects?$skiptoken=p2"))));
        graph.stubFor(authorized(get(urlPathEqualTo(memberObjectsPath()))).withQueryParam("$skiptoken", equalTo("p2"))
                .willReturn(okJson(page(100, 200, base + "/users/" + OID + "/getMemberObjects?$skiptoken=p3"))));
        graph.stubFor(authorized(get(urlPathEqualTo(memberObjectsPath()))).withQueryParam("$skiptoken", equalTo("p3"))
                .willReturn(okJson(page(200, 250, null))));
        graph.stubFor(authorized(post(urlPathEqualTo("/v1.0/directoryObjects/getByIds")))
                .willReturn(okJson("{\"value\":[{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"" + NAMED_GROUP
                        + "\",\"displayName\":\"Operations Team\"}]}")));
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.withHeader("Authorization", matching("Bearer " + FakeIdp.APP_TOKEN_PREFIX + ".+"));
    }

    private static String page(int from, int to, String nextLink) {
        ObjectNode page = JSON.createObjectNode();
        var value = page.putArray("value");
        IntStream.range(from, to).mapToObj(GroupOverageTest::groupId).forEach(value::add);
        if (nextLink != null) {
            page.put("@odata.nextLink", nextLink);
        }
        return page.toString();
    }

    private static String groupId(int i) {
        return String.format("%08d-0000-4000-8000-000000000000", i);
    }

    private String graphBase() {
        return "http://127.0.0.1:" + graph.port() + "/v1.0";
    }

    private static String memberObjectsPath() {
        return "/v1.0/users/" + OID + "/getMemberObjects";
    }

    private void putIdp(String onFailure, boolean resolveNames) {
        asPlatform().body(document(onFailure, resolveNames)).put("/api/sites/" + site + "/idps/entra").then()
                .statusCode(201);
    }

    /** An Entra ID IdP at the fake IdP, whose group mapping keys by object id and by display name. */
    private ObjectNode document(String onFailure, boolean resolveNames) {
        ObjectNode doc = BrowserLoginTestAccess.idpDocument(idp);
        ((ObjectNode) doc.get("oidc")).put("type", "ENTRA_ID");
        ObjectNode groups = doc.putObject("groupMapping");
        groups.put("claim", "groups");
        groups.put("document", "<MappingDocument>"
                + "<Mapping><Key>" + LAST_PAGE_GROUP + "</Key><Group>Quality</Group></Mapping>"
                + "<Mapping><Key>Operations Team</Key><Group>Operations</Group></Mapping>"
                + "</MappingDocument>");
        groups.put("keyNode", "Key");
        groups.put("valueNode", "Group");
        ObjectNode overage = doc.putObject("groupOverage");
        overage.put("graphBaseUrl", graphBase());
        overage.put("onGroupFetchFailure", onFailure);
        overage.put("resolveNames", resolveNames);
        return doc;
    }

    private Map<String, Object> claims(String email) {
        Map<String, Object> claims = new HashMap<>(BrowserLoginTestAccess.claims(email, List.of(), "Agency"));
        claims.remove("cognito:groups");
        claims.put("oid", OID);
        return claims;
    }

    /** What Entra ID sends for a user in more than 200 groups: no groups, a pointer to them. */
    private Map<String, Object> claimsWithOverage(String email) {
        Map<String, Object> claims = claims(email);
        claims.put("_claim_names", Map.of("groups", "src1"));
        claims.put("_claim_sources", Map.of("src1", Map.of("endpoint",
                "https://graph.windows.net/tenant/users/" + OID + "/getMemberObjects")));
        return claims;
    }

    private String overageToken(String email) {
        return idp.signIdToken(idp.standardClaims(claimsWithOverage(email)));
    }

    private ValidatableResponse provision(String idToken) {
        if (secret == null) { // the scope names the IdP: the app is made once the IdP exists
            secret = newClientApp(site, clientId, List.of("site_" + site + "_provisionByOpenIdToken_entra"),
                    List.of("client_credentials"));
        }
        return given().auth().oauth2(token(clientId, secret)).contentType("application/json")
                .body(Map.of("openIdToken", idToken))
                .post("/rest/external/site/" + site + "/idp/entra/provisionByOpenIdToken").then();
    }
}
