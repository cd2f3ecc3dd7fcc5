package org.ssobroker.openid;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestApi;
import org.ssobroker.support.TestDb;
import org.ssobroker.token.ClientSecrets;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.asPlatform;

/**
 * A real, independent relying party library against the broker: quarkus-oidc's web-app tenant
 * "rp" discovers site {@value #SITE}'s issuer, sends the browser to its authorize endpoint (PKCE,
 * {@code idp_hint}), redeems the code with client_secret_basic, verifies the id_token against the
 * site's JWKS and calls userinfo. HtmlUnit walks RP, broker, fake IdP, broker, RP.
 */
@QuarkusTest
@TestProfile(RelyingPartyTest.Profile.class)
class RelyingPartyTest {

    static final String SITE = "rp-site";
    static final String CLIENT = "rp-app";
    static final String SECRET = "rp-secret-for-tests-only-0123456789";
    static final String PORT = System.getenv().getOrDefault("QUARKUS_HTTP_TEST_PORT", "8081");
    static final String BASE = "http://localhost:" + PORT;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    // The issuer must be reachable by the relying party in this JVM.
                    Map.entry("sso-broker.public-base-url", BASE),
                    Map.entry("quarkus.oidc.rp.auth-server-url", BASE + "/site/" + SITE),
                    Map.entry("quarkus.oidc.rp.application-type", "web-app"),
                    Map.entry("quarkus.oidc.rp.tenant-paths", "/rp/*"),
                    Map.entry("quarkus.oidc.rp.client-id", CLIENT),
                    Map.entry("quarkus.oidc.rp.credentials.secret", SECRET),
                    Map.entry("quarkus.oidc.rp.authentication.scopes", "profile,email,groups"),
                    Map.entry("quarkus.oidc.rp.authentication.pkce-required", "true"),
                    Map.entry("quarkus.oidc.rp.authentication.nonce-required", "true"),
                    Map.entry("quarkus.oidc.rp.authentication.user-info-required", "true"),
                    Map.entry("quarkus.oidc.rp.authentication.extra-params.idp_hint", "cognito"),
                    Map.entry("quarkus.oidc.rp.authentication.restore-path-after-redirect", "false"));
        }
    }

    @TestHTTPResource("/")
    URL broker;

    @Test
    void quarkusOidcSignsInThroughTheSiteAndSeesTheUsersClaims() throws Exception {
        try (FakeIdp idp = FakeIdp.start()) {
            if (TestDb.number("select count(*) from site where site_key = ?", SITE) == 0) {
                asPlatform().body(Map.of("name", "RP site")).put("/api/sites/" + SITE).then().statusCode(201);
                for (String right : List.of("Admin", "Sales Manager", "Agency User", "Viewer")) {
                    asPlatform().body(Map.of()).put("/api/sites/" + SITE + "/access-rights/" + right)
                            .then().statusCode(201);
                }
                for (String group : List.of("Argentina", "Chile", "Bolivia", "Operations", "Quality", "Everyone")) {
                    asPlatform().body(Map.of()).put("/api/sites/" + SITE + "/groups/" + group).then().statusCode(201);
                }
                asPlatform().body(Map.of("title", "Main login")).put("/api/sites/" + SITE + "/login-urls/main")
                        .then().statusCode(201);
            }
            asPlatform().body(OpenIdFlows.idpDocument(idp)).put("/api/sites/" + SITE + "/idps/cognito");
            OpenIdFlows.registerApp(SITE, CLIENT, Map.of("redirectUris", List.of(BASE + "/rp/me")));
            // The broker generates secrets; the RP's static configuration needs a known one.
            TestDb.update("update client_app set secret_hash = ? where client_id = ?", ClientSecrets.hash(SECRET),
                    CLIENT);
            idp.nextLogin(OpenIdFlows.claims("john@encode.dk"));

            try (WebClient browser = new WebClient()) {
                browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
                browser.getOptions().setJavaScriptEnabled(false);
                browser.getOptions().setCssEnabled(false);
                Page page = browser.getPage(new URL(broker, "/rp/me"));
                if (page.isHtmlPage() && ((org.htmlunit.html.HtmlPage) page).getElementById("continue")
                        instanceof org.htmlunit.html.HtmlAnchor next) {
                    // A new user's first-login message comes first, with a link on to the app.
                    page = next.click();
                }
                String body = page.getWebResponse().getContentAsString();
                assertThat(page.getWebResponse().getStatusCode()).as(body).isEqualTo(200);
                String userId = TestApi.asPlatform().get("/api/sites/" + SITE + "/users").then()
                        .extract().path("[0].id");
                assertThat(body).contains("iss=" + BASE + "/site/" + SITE, "sub=" + userId, "email=john@encode.dk",
                        "name=John Doe", "Operations", "userinfo.email=john@encode.dk",
                        "userinfo.access_right=Agency User");
            }
            assertThat(idp.lastAuthorizeRequest()).containsKey("code_challenge");
        }
    }
}
