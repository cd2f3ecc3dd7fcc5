package org.ssobroker.console;

import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.console.ConsoleSignInTest.browser;
import static org.ssobroker.console.ConsoleSignInTest.claims;
import static org.ssobroker.console.ConsoleSignInTest.idpDocument;
import static org.ssobroker.console.ConsoleSignInTest.signIn;
import static org.ssobroker.console.ConsoleSignInTest.url;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** Users, catalogs and login URLs in the console, without JavaScript: written through the API's services. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSiteAdminTest {

    FakeIdp idp;

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aSiteAdminSearchesUsersRemovesALinkAndEditsCatalogsAndLoginUrls() throws Exception {
        idp = FakeIdp.start();
        String site = newSiteWithCatalogs();
        asPlatform().body(idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        idp.nextLogin(claims("ada@encode.dk", "Global Company"));
        try (WebClient browser = browser()) {
            signIn(browser, site);

            // Users: search, one user, remove a link.
            HtmlPage users = browser.getPage(url("/console/site/" + site + "/users?q=ADA"));
            assertThat(users.getElementById("user-count").getTextContent()).contains("1 user match");
            HtmlPage user = users.getAnchorByText("ada@encode.dk").click();
            assertThat(user.getElementById("access-right").getTextContent()).isEqualTo("Admin");
            assertThat(user.getElementById("links").getTextContent()).contains("cognito");
            HtmlPage unlinked = ((HtmlForm) user.getElementById("links").getElementsByTagName("form").get(0))
                    .getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertThat(unlinked.getElementById("notice").getTextContent()).contains("link was removed");
            assertThat(unlinked.getElementById("links").getTextContent()).contains("No link");
            asPlatform().get("/api/sites/" + site + "/users").then().body("[0].idps.size()",
                    org.hamcrest.Matchers.equalTo(0));

            // Catalogs: add a group; an access right an IdP uses cannot go (the page says which IdP).
            HtmlPage catalogs = browser.getPage(url("/console/site/" + site + "/catalogs"));
            catalogs.getHtmlElementById("groups-name").type("Finance");
            catalogs = catalogs.getHtmlElementById("groups-add").click();
            assertThat(catalogs.getElementById("groups").getTextContent()).contains("Finance");
            HtmlForm deleteViewer = catalogs.getElementById("access-rights").getElementsByTagName("form").stream()
                    .map(HtmlForm.class::cast).filter(f -> f.getInputByName("name").getValue().equals("Viewer"))
                    .findFirst().orElseThrow();
            HtmlPage refused = deleteViewer.getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(409);
            assertThat(refused.getElementById("catalog-error").getTextContent()).contains("cognito");

            // Login URLs: add one, refuse a bad name, delete one; the one in use stays.
            HtmlPage loginUrls = browser.getPage(url("/console/site/" + site + "/login-urls"));
            loginUrls.getHtmlElementById("name").type("Bad Name");
            HtmlPage bad = loginUrls.getHtmlElementById("name").<org.htmlunit.html.HtmlInput>getEnclosingForm()
                    .getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertThat(bad.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(bad.getElementById("login-url-error").getTextContent()).contains("name");
            bad.getHtmlElementById("name").type("partners");
            bad.getHtmlElementById("title").type("Partners");
            HtmlPage added = bad.getHtmlElementById("name").<org.htmlunit.html.HtmlInput>getEnclosingForm()
                    .getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertThat(added.getElementById("login-urls").getTextContent()).contains("partners").contains("Partners");
            asPlatform().get("/api/sites/" + site + "/login-urls/partners").then().statusCode(200);
        }
    }
}
