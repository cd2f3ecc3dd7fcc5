package org.ssobroker.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestClock;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.PLATFORM_CLIENT;
import static org.ssobroker.support.TestApi.PLATFORM_SECRET;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.publicBase;

/**
 * Who gets into the console, without JavaScript (HtmlUnit): a site's admin through the site's
 * own login and the fake IdP, a platform operator with the platform credentials; and who does not.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSignInTest {

    @Inject
    TestClock clock;

    FakeIdp idp;
    String site;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        idp.reset();
        site = newSiteWithCatalogs();
        asPlatform().body(idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
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
    void aSiteAdminSignsInThroughTheSitesOwnLoginAndSeesTheDashboard() throws Exception {
        idp.nextLogin(claims("ada@encode.dk", "Global Company"));
        try (WebClient browser = browser()) {
            HtmlPage dashboard = signIn(browser, site);
            assertThat(dashboard.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(dashboard.getElementById("signed-in-as").getTextContent()).contains("ada@encode.dk");
            assertThat(dashboard.getElementById("counts").getTextContent()).contains("Identity providers");
            Cookie session = browser.getCookieManager().getCookie(ConsoleSessions.COOKIE);
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getPath()).isEqualTo("/console");
            assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");
        }
    }

    @Test
    void aUserWithoutAConsoleAccessRightGetsA403PageAndNoSession() throws Exception {
        idp.nextLogin(claims("vic@encode.dk", "Agency"));
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/console/site/" + site + "/sign-in"));
            page = followLogin(browser, page);
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(page.getElementById("message").getTextContent()).contains("Agency User")
                    .contains("does not open its console");
            assertThat(browser.getCookieManager().getCookie(ConsoleSessions.COOKIE)).isNull();
            HtmlPage dashboard = browser.getPage(url("/console/site/" + site));
            assertThat(dashboard.getUrl().getPath()).isEqualTo("/console/sign-in");
        }
    }

    @Test
    void theSitesConsoleAccessRightsDecideWhoGetsIn() throws Exception {
        // The site's setting, through the admin API; a new site's is ["Admin"].
        asPlatform().get("/api/sites/" + site).then().statusCode(200)
                .body("consoleAccessRights", org.hamcrest.Matchers.contains("Admin"));
        asPlatform().body(Map.of("name", "Site " + site, "consoleAccessRights", List.of("Agency User", "Admin")))
                .put("/api/sites/" + site).then().statusCode(200)
                .body("consoleAccessRights", org.hamcrest.Matchers.contains("Agency User", "Admin"));
        asPlatform().body(Map.of("name", "Site " + site, "consoleAccessRights", List.of(" padded ")))
                .put("/api/sites/" + site).then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("consoleAccessRights[0]"));
        idp.nextLogin(claims("vic@encode.dk", "Agency"));
        try (WebClient browser = browser()) {
            assertThat(signIn(browser, site).getWebResponse().getStatusCode()).isEqualTo(200);
            // Demoted while signed in: out at the next request.
            asPlatform().body(Map.of("name", "Site " + site, "consoleAccessRights", List.of("Admin")))
                    .put("/api/sites/" + site).then().statusCode(200);
            HtmlPage page = browser.getPage(url("/console/site/" + site));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }

    @Test
    void anotherSitesAdminGets403OnThisSite() throws Exception {
        String other = newSiteWithCatalogs();
        idp.nextLogin(claims("ada@encode.dk", "Global Company"));
        try (WebClient browser = browser()) {
            signIn(browser, site);
            HtmlPage page = browser.getPage(url("/console/site/" + other));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(page.getWebResponse().getContentAsString()).contains("another site");
        }
    }

    @Test
    void aCallbackWithoutThisBrowsersSignInStoresNoSession() throws Exception {
        idp.nextLogin(claims("ada@encode.dk", "Global Company"));
        java.util.concurrent.atomic.AtomicReference<URL> callback = new java.util.concurrent.atomic.AtomicReference<>();
        try (WebClient attacker = browser()) {
            // The attacker's own sign-in, stopped before its callback: a fresh code and state.
            new org.htmlunit.util.WebConnectionWrapper(attacker) {
                @Override
                public org.htmlunit.WebResponse getResponse(org.htmlunit.WebRequest request) throws java.io.IOException {
                    if (request.getUrl().getPath().endsWith("/callback")) {
                        callback.set(request.getUrl());
                        return new org.htmlunit.StringWebResponse("stopped", request.getUrl());
                    }
                    return super.getResponse(request);
                }
            };
            followLogin(attacker, attacker.getPage(url("/console/site/" + site + "/sign-in")));
        }
        assertThat(callback.get().getQuery()).contains("code=").contains("state=");
        // A client app of the site holding the console's callback as its redirect cannot redeem the console's code.
        String callbackUrl = publicBase() + "/console/site/" + site + "/callback";
        String appSecret = asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("authorization_code"),
                        "redirectUris", List.of(callbackUrl))).put("/api/sites/" + site + "/client-apps/thief")
                .then().statusCode(201).extract().path("clientSecret");
        String code = java.net.URLDecoder.decode(callback.get().getQuery().replaceAll(".*code=([^&]+).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);
        given().auth().preemptive().basic("thief", appSecret).formParam("grant_type", "authorization_code")
                .formParam("code", code).formParam("redirect_uri", callbackUrl).post("/oauth/token")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
        try (WebClient victim = browser()) {
            HtmlPage page = victim.getPage(callback.get());
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.getElementById("message").getTextContent()).contains("not started in this browser");
            assertThat(victim.getCookieManager().getCookie(ConsoleSessions.COOKIE)).isNull();
        }
    }

    @Test
    void aPlatformOperatorSignsInWithThePlatformCredentials() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/console/sign-in"));
            page.getHtmlElementById("clientId").type(PLATFORM_CLIENT);
            page.getHtmlElementById("clientSecret").type("wrong");
            HtmlPage refused = submitPlatform(page);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(401);
            assertThat(refused.getElementById("platform-error").getTextContent()).contains("wrong");
            refused.getHtmlElementById("clientSecret").type(PLATFORM_SECRET);
            HtmlPage sites = submitPlatform(refused);
            assertThat(sites.getUrl().getPath()).isEqualTo("/console/sites");
            assertThat(sites.getElementById("sites").getTextContent()).contains(site);
            HtmlPage dashboard = browser.getPage(url("/console/site/" + site));
            assertThat(dashboard.getWebResponse().getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        Response page = given().get("/console/sign-in");
        String csrfCookie = page.getCookie("csrf-token");
        assertThat(csrfCookie).isNotBlank();
        // No token at all, and the cookie without the form field: both refused, nobody signed in.
        given().redirects().follow(false).formParam("clientId", PLATFORM_CLIENT).formParam("clientSecret", PLATFORM_SECRET)
                .post("/console/sign-in").then().statusCode(400).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        given().redirects().follow(false).cookie("csrf-token", csrfCookie).formParam("clientId", PLATFORM_CLIENT)
                .formParam("clientSecret", PLATFORM_SECRET).post("/console/sign-in").then().statusCode(400);
        given().redirects().follow(false).cookie("csrf-token", csrfCookie).formParam("csrf-token", "x" + csrfCookie)
                .formParam("clientId", PLATFORM_CLIENT).formParam("clientSecret", PLATFORM_SECRET)
                .post("/console/sign-in").then().statusCode(400);
        // With it: in.
        given().redirects().follow(false).cookie("csrf-token", csrfCookie).formParam("csrf-token", csrfCookie)
                .formParam("clientId", PLATFORM_CLIENT).formParam("clientSecret", PLATFORM_SECRET)
                .post("/console/sign-in").then().statusCode(303);
    }

    @Test
    void aForgedOrIdleSessionIsNoSession() throws Exception {
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/console/sign-in"));
            page.getHtmlElementById("clientId").type(PLATFORM_CLIENT);
            page.getHtmlElementById("clientSecret").type(PLATFORM_SECRET);
            submitPlatform(page);
            Cookie real = browser.getCookieManager().getCookie(ConsoleSessions.COOKIE);
            // 29 minutes idle: still in (and the request slides the idle clock).
            clock.advance(Duration.ofMinutes(29));
            assertThat(browser.getPage(url("/console/sites")).getUrl().getPath()).isEqualTo("/console/sites");
            clock.advance(Duration.ofMinutes(29));
            assertThat(browser.getPage(url("/console/sites")).getUrl().getPath()).isEqualTo("/console/sites");
            // 31 minutes idle: out.
            clock.advance(Duration.ofMinutes(31));
            HtmlPage out = browser.getPage(url("/console/sites"));
            assertThat(out.getUrl().getPath()).isEqualTo("/console/sign-in");
            assertThat(out.getUrl().getQuery()).isEqualTo("next=%2Fconsole%2Fsites");
            // A cookie altered by one character is no session either.
            clock.reset();
            String value = real.getValue();
            String forged = value.substring(0, value.length() - 2) + (value.endsWith("A") ? "B" : "A")
                    + value.charAt(value.length() - 1);
            given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, forged).get("/console/sites")
                    .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/console/sign-in?next=%2Fconsole%2Fsites"));
        }
    }

    @Test
    void signInReturnsOnlyToConsolePaths() {
        given().get("/console/sign-in?next=https://evil.example/x").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("evil.example")));
        for (String next : List.of("//evil.example/console", "/console/../x", "/console/..%2F..%2F/evil", "/site/x",
                "/console\\@evil.example", "https://evil.example/console/sites")) {
            assertThat(ConsolePaths.safeNext(next)).as(next).isNull();
        }
        assertThat(ConsolePaths.safeNext("/console/site/acme/idps?q=cog&page=2")).isNotNull();
    }

    // ------------------------------------------------------------------ helpers

    static HtmlPage signIn(WebClient browser, String site) throws Exception {
        HtmlPage page = browser.getPage(url("/console/site/" + site + "/sign-in"));
        page = followLogin(browser, page);
        assertThat(page.getWebResponse().getStatusCode()).as(page.getWebResponse().getContentAsString()).isEqualTo(200);
        return page.getHtmlElementById("continue").click();
    }

    /**
     * From the site's login page: the IdP's button, the IdP, back to the console's callback (past
     * the first-login message, which a new user sees first).
     */
    static HtmlPage followLogin(WebClient browser, HtmlPage loginPage) throws Exception {
        HtmlAnchor button = loginPage.getAnchors().stream()
                .filter(a -> a.getHrefAttribute().contains("/oauth2/authorization/")).findFirst()
                .orElseThrow(() -> new AssertionError(loginPage.getUrl() + " " + loginPage.getWebResponse().getStatusCode()
                        + "\n" + loginPage.getWebResponse().getContentAsString()));
        HtmlPage page = button.click();
        if (page.getElementById("welcome-message") != null) {
            page = page.getHtmlElementById("continue").click();
        }
        return page;
    }

    static HtmlPage submitPlatform(HtmlPage page) throws Exception {
        return page.getHtmlElementById("clientSecret").<org.htmlunit.html.HtmlInput>getEnclosingForm()
                .getOneHtmlElementByAttribute("button", "type", "submit").click();
    }

    static ObjectNode idpDocument(FakeIdp idp) {
        ObjectNode doc = cognitoDocument(idp);
        ((ObjectNode) doc.get("oidc")).put("scopes", "openid email profile");
        return doc;
    }

    static Map<String, Object> claims(String email, String accessRight) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "sub-" + email);
        claims.put("email", email);
        claims.put("name", "Test User");
        claims.put("cognito:groups", List.of("OPS"));
        claims.put("custom:access_Right_AWS", accessRight);
        return claims;
    }

    static URL url(String path) throws Exception {
        return new URL(publicBase() + path);
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
