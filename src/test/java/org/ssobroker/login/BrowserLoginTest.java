package org.ssobroker.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** The browser code flow: HtmlUnit, the broker, and a fake IdP on WireMock. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserLoginTest {

    @TestHTTPResource("/")
    URL broker;

    FakeIdp idp;
    String site;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        idp.reset();
        site = newSiteWithCatalogs();
        asPlatform().body(idpDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void firstLoginProvisionsTheMappedUserAndALaterLoginReSyncsIt() throws Exception {
        idp.nextLogin(claims("john@encode.dk", List.of("OPS", "QA"), "Agency"));
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.getElementById("signed-in").getTextContent()).contains("John Doe");
        }
        assertThat(idp.lastAuthorizeRequest()).containsKeys("state", "nonce", "code_challenge")
                .containsEntry("code_challenge_method", "S256");

        asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].login", equalTo("john@encode.dk"))
                .body("[0].accessRight", equalTo("Agency User"))
                .body("[0].groups", containsInAnyOrder("Operations", "Quality", "Everyone"))
                .body("[0].attributes.employeeId", equalTo("66"))
                .body("[0].attributes.division", equalTo("Managers"))
                .body("[0].idps[0].externalUserId", equalTo("john@encode.dk"));

        String userId = asPlatform().get("/api/sites/" + site + "/users").then().extract().path("[0].id");
        addAdminGroup(userId, "Chile");

        idp.nextLogin(claims("john@encode.dk", List.of("OPS"), "Global Company"));
        try (WebClient browser = browser()) {
            browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
        }
        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("size()", equalTo(1))
                .body("[0].accessRight", equalTo("Admin"))
                .body("[0].groups", containsInAnyOrder("Chile", "Operations", "Everyone"));
    }

    @Test
    void aDisallowedEmailDomainIsRefusedAndNothingIsStored() throws Exception {
        idp.nextLogin(claims("eve@evil.example", List.of("OPS"), "Agency"));
        try (WebClient browser = browser()) {
            Page page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(page.getWebResponse().getContentAsString()).contains("eve@evil.example");
        }
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    @Test
    void testConnectionShowsClaimsAndMappingAndStoresNothing() throws Exception {
        idp.nextLogin(claims("john@encode.dk", List.of("QA"), "Agency"))
                .userInfo(Map.of("sub", "sub-john@encode.dk", "department", "R&D"));
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito?test=true"));
            // Each claim is named with where it came from (upstream/ClaimSources).
            assertThat(page.getElementById("claims").getTextContent()).contains("id_token: cognito:groups")
                    .contains("QA").contains("userinfo: department").contains("id_token: sub");
            assertThat(page.getElementById("mapping").getTextContent()).contains("Agency User").contains("Quality");
            assertThat(page.getElementById("verdict")).isNotNull();
        }
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    @Test
    void anIdpErrorEndsOnAnErrorPageWithAHint() throws Exception {
        idp.failAuthorize("access_denied", "User cancelled the login");
        try (WebClient browser = browser()) {
            Page page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            String html = page.getWebResponse().getContentAsString();
            assertThat(html).contains("access_denied").contains("User cancelled the login").contains("What to check")
                    .doesNotContain("Exception");
        }
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    @Test
    void parallelFirstLoginsOfOneUserCreateOneUser() throws Exception {
        idp.nextLogin(claims("rush@encode.dk", List.of("OPS"), "Agency"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> logins = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                logins.add(pool.submit(() -> {
                    try (WebClient browser = browser()) {
                        return browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"))
                                .getWebResponse().getStatusCode();
                    }
                }));
            }
            for (java.util.concurrent.Future<Integer> login : logins) {
                assertThat(login.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        asPlatform().get("/api/sites/" + site + "/users").then()
                .body("size()", equalTo(1)).body("[0].login", equalTo("rush@encode.dk"));
    }

    @Test
    void twoIdpsOnTwoSitesProvisionSeparateUsersAndUserinfoIsMerged() throws Exception {
        try (FakeIdp other = FakeIdp.start()) {
            String otherSite = newSiteWithCatalogs();
            ObjectNode doc = idpDocument();
            ObjectNode oidc = (ObjectNode) doc.get("oidc");
            oidc.put("configUrl", other.configUrl());
            oidc.put("type", "KEYCLOAK");
            doc.put("displayName", "Sign in with Keycloak");
            asPlatform().body(doc).put("/api/sites/" + otherSite + "/idps/keycloak").then().statusCode(201);

            Map<String, Object> idToken = claims("john@encode.dk", List.of("QA"), "Global Company");
            idToken.remove("custom:aws_id");
            other.nextLogin(idToken).userInfo(Map.of("sub", "sub-john@encode.dk", "custom:aws_id", "77"));
            idp.nextLogin(claims("john@encode.dk", List.of("OPS"), "Agency"));
            try (WebClient browser = browser()) {
                browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
                browser.getPage(url("/site/" + otherSite + "/oauth2/authorization/keycloak"));
            }
            asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1))
                    .body("[0].accessRight", equalTo("Agency User"))
                    .body("[0].idps[0].nameId", equalTo("cognito"));
            asPlatform().get("/api/sites/" + otherSite + "/users").then().body("size()", equalTo(1))
                    .body("[0].accessRight", equalTo("Admin"))
                    .body("[0].groups", containsInAnyOrder("Quality", "Operations", "Everyone"))
                    .body("[0].attributes.employeeId", equalTo("77"))
                    .body("[0].idps[0].nameId", equalTo("keycloak"));
        }
    }

    @Test
    void aFailedTokenCallEndsOnAnErrorPageWithAHint() throws Exception {
        idp.failToken(401, "invalid_client", "Client authentication failed");
        try (WebClient browser = browser()) {
            Page page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
            String html = page.getWebResponse().getContentAsString();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(502);
            assertThat(html).contains("invalid_client").contains("client secret").doesNotContain("Exception");
        }
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    @Test
    void aRedirectUriMustBeAllowedAndTheOneTimeCodeWorksOnce() throws Exception {
        try (WebClient browser = browser()) {
            Page refused = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito?redirect_uri="
                    + java.net.URLEncoder.encode("https://evil.example/steal", "UTF-8")));
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        }
        assertThat(idp.lastAuthorizeRequest()).isEmpty();

        String appUrl = appUrl();
        String secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi"),
                        "grantTypes", List.of("authorization_code", "refresh_token"), "redirectUris", List.of(appUrl)))
                .put("/api/sites/" + site + "/client-apps/app-" + site)
                .then().statusCode(201).extract().path("clientSecret");
        idp.nextLogin(claims("john@encode.dk", List.of("OPS"), "Agency"));
        String landed;
        try (WebClient browser = browser()) {
            browser.getOptions().setRedirectEnabled(false);
            Page page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito?redirect_uri="
                    + java.net.URLEncoder.encode(appUrl, "UTF-8")));
            page = followUntil(browser, page, appUrl);
            // A new user sees the first-login message first, with a link on to the app.
            assertThat(page.getWebResponse().getResponseHeaderValue("Location")).isNull();
            landed = ((HtmlPage) page).<org.htmlunit.html.HtmlAnchor>getHtmlElementById("continue").getHrefAttribute();
        }
        assertThat(landed).startsWith(appUrl + "?code=").endsWith("&iss="
                + java.net.URLEncoder.encode(org.ssobroker.support.TestApi.publicBase() + "/site/" + site, "UTF-8"));
        String code = java.net.URLDecoder.decode(landed.replaceAll(".*[?&]code=([^&]*).*", "$1"), "UTF-8");

        io.restassured.RestAssured.given().auth().preemptive().basic("app-" + site, secret)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", appUrl)
                .post("/oauth/token").then().statusCode(200)
                .body("token_type", equalTo("bearer"))
                .body("scope", equalTo("site_" + site + "_internalApi"))
                .body("refresh_token", org.hamcrest.Matchers.notNullValue());
        io.restassured.RestAssured.given().auth().preemptive().basic("app-" + site, secret)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", appUrl)
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));

        // The second login goes straight to the app.
        idp.nextLogin(claims("john@encode.dk", List.of("OPS"), "Agency"));
        try (WebClient browser = browser()) {
            browser.getOptions().setRedirectEnabled(false);
            Page page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito?redirect_uri="
                    + java.net.URLEncoder.encode(appUrl, "UTF-8")));
            page = followUntil(browser, page, appUrl);
            assertThat(page.getWebResponse().getResponseHeaderValue("Location")).startsWith(appUrl + "?code=");
        }
    }

    @Test
    void aDeletedIdpCannotLogIn() throws Exception {
        idp.nextLogin(claims("john@encode.dk", List.of("OPS"), "Agency"));
        try (WebClient browser = browser()) {
            browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
        }
        asPlatform().delete("/api/sites/" + site + "/idps/cognito").then().statusCode(204);
        try (WebClient browser = browser()) {
            Page page = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(404);
            Page callback = browser.getPage(url("/site/" + site + "/login/oauth2/code/cognito"));
            assertThat(callback.getWebResponse().getStatusCode()).isIn(401, 404);
        }
    }

    @Test
    void theLoginPageShowsVisibleIdpsAndRoutesByEmailDomain() throws Exception {
        ObjectNode hidden = idpDocument();
        hidden.put("displayName", "Partners");
        hidden.put("hideLoginButton", true);
        hidden.putArray("emailDomains").add("partner.example");
        asPlatform().body(hidden).put("/api/sites/" + site + "/idps/partners").then().statusCode(201);
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/site/" + site + "/login/main"));
            assertThat(page.getTitleText()).contains("Site " + site);
            assertThat(page.getElementById("idp-cognito").getTextContent()).contains("Sign in with Cognito");
            assertThat(page.getElementById("idp-partners")).isNull();

            browser.getOptions().setRedirectEnabled(false);
            page.<org.htmlunit.html.HtmlInput>getHtmlElementById("email").setValue("bob@PARTNER.example");
            Page routed = page.<org.htmlunit.html.HtmlButton>getHtmlElementById("continue").click();
            assertThat(routed.getWebResponse().getResponseHeaderValue("Location"))
                    .endsWith("/site/" + site + "/oauth2/authorization/partners");
        }
    }

    private void addAdminGroup(String userId, String group) {
        org.ssobroker.support.TestDb.update("insert into user_group_membership (user_id, site_key, group_name, source) "
                + "values (?, ?, ?, 'ADMIN')", java.util.UUID.fromString(userId), site, group);
    }

    private Page followUntil(WebClient browser, Page page, String stopAt) throws Exception {
        for (int i = 0; i < 10; i++) {
            String location = page.getWebResponse().getResponseHeaderValue("Location");
            if (location == null || location.startsWith(stopAt)) {
                return page;
            }
            page = browser.getPage(new URL(page.getUrl(), location));
        }
        throw new AssertionError("too many redirects");
    }

    private String appUrl() {
        return idp.issuer() + "/app/after-login";
    }

    ObjectNode idpDocument() {
        return idpDocument(idp);
    }

    static ObjectNode idpDocument(FakeIdp idp) {
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        oidc.put("scopes", "openid email profile");
        doc.putArray("allowedRedirectUrls").add(idp.issuer() + "/app/after-login");
        return doc;
    }

    static Map<String, Object> claims(String email, List<String> groups, String accessRight) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "sub-" + email);
        claims.put("email", email);
        String first = Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@'));
        claims.put("given_name", first);
        claims.put("family_name", "Doe");
        claims.put("name", first + " Doe");
        claims.put("cognito:groups", groups);
        claims.put("custom:access_Right_AWS", accessRight);
        claims.put("custom:aws_id", "66");
        return claims;
    }

    URL url(String path) throws Exception {
        return new URL(broker, path);
    }

    static WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setRedirectEnabled(true);
        return browser;
    }
}
