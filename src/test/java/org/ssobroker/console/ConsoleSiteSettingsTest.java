package org.ssobroker.console;

import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.ssobroker.console.ConsoleSignInTest.browser;
import static org.ssobroker.console.ConsoleSignInTest.claims;
import static org.ssobroker.console.ConsoleSignInTest.idpDocument;
import static org.ssobroker.console.ConsoleSignInTest.signIn;
import static org.ssobroker.console.ConsoleSignInTest.submitPlatform;
import static org.ssobroker.console.ConsoleSignInTest.url;
import static org.ssobroker.support.TestApi.PLATFORM_CLIENT;
import static org.ssobroker.support.TestApi.PLATFORM_SECRET;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * Sites (create, rename, console access rights, delete) and client apps (their OpenID settings,
 * editing) in the console, without JavaScript; every change is read back through the API.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSiteSettingsTest {

    FakeIdp idp;

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aPlatformOperatorCreatesRenamesAndDeletesASite() throws Exception {
        String key = "made-" + UUID.randomUUID().toString().substring(0, 8);
        try (WebClient browser = browser()) {
            HtmlPage sites = signInAsPlatform(browser);

            // A bad key is refused next to its field; nothing is stored.
            sites.getHtmlElementById("site-key").type("Bad Key");
            sites.getHtmlElementById("site-name").type("Made in the console");
            HtmlPage refused = sites.getHtmlElementById("create-site").click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.getElementById("site-key-error").getTextContent()).contains("lower-case");
            assertThat(refused.getHtmlElementById("site-name").getAttribute("value")).isEqualTo("Made in the console");

            refused.getHtmlElementById("site-key").setAttribute("value", key);
            HtmlPage dashboard = refused.getHtmlElementById("create-site").click();
            assertThat(dashboard.getUrl().getPath()).isEqualTo("/console/site/" + key);
            assertThat(dashboard.getElementById("notice").getTextContent()).contains("created");
            asPlatform().get("/api/sites/" + key).then().statusCode(200).body("name", equalTo("Made in the console"))
                    .body("consoleAccessRights", contains("Admin"));

            // The same key again would rename it through the API's PUT: the console refuses.
            HtmlPage again = browser.getPage(url("/console/sites"));
            again.getHtmlElementById("site-key").type(key);
            again.getHtmlElementById("site-name").type("Another");
            HtmlPage taken = again.getHtmlElementById("create-site").click();
            assertThat(taken.getWebResponse().getStatusCode()).isEqualTo(409);
            assertThat(taken.getElementById("site-key-error").getTextContent()).contains("exists");
            asPlatform().get("/api/sites/" + key).then().body("name", equalTo("Made in the console"));

            // Rename; the default console access right (not in the new site's empty catalog) stays ticked.
            dashboard = browser.getPage(url("/console/site/" + key));
            assertThat(checkBox(dashboard, "Admin").isChecked()).isTrue();
            dashboard.getHtmlElementById("settings-name").setAttribute("value", "Renamed");
            HtmlPage saved = dashboard.getHtmlElementById("save-settings").click();
            assertThat(saved.getElementById("notice").getTextContent()).contains("saved");
            asPlatform().get("/api/sites/" + key).then().body("name", equalTo("Renamed"))
                    .body("consoleAccessRights", contains("Admin"));

            // Delete: the key typed again confirms it.
            saved.getHtmlElementById("confirm-key").type("not-it");
            HtmlPage unconfirmed = saved.getHtmlElementById("delete-site-button").click();
            assertThat(unconfirmed.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(unconfirmed.getElementById("confirm-key-error").getTextContent()).contains(key);
            asPlatform().get("/api/sites/" + key).then().statusCode(200);
            unconfirmed.getHtmlElementById("confirm-key").type(key);
            HtmlPage deleted = unconfirmed.getHtmlElementById("delete-site-button").click();
            assertThat(deleted.getUrl().getPath()).isEqualTo("/console/sites");
            assertThat(deleted.getElementById("notice").getTextContent()).contains("deleted");
            asPlatform().get("/api/sites/" + key).then().statusCode(404);
        }
    }

    @Test
    void aSiteAdminSetsTheConsoleAccessRightsButCannotLockThemselvesOut() throws Exception {
        String site = siteWithAdmin();
        try (WebClient browser = browser()) {
            signIn(browser, site);
            HtmlPage dashboard = browser.getPage(url("/console/site/" + site));
            assertThat(dashboard.getElementById("delete-site")).as("only platform operators delete sites").isNull();

            checkBox(dashboard, "Admin").setChecked(false);
            checkBox(dashboard, "Viewer").setChecked(true);
            HtmlPage refused = dashboard.getHtmlElementById("save-settings").click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.getElementById("console-rights-error").getTextContent()).contains("Admin");
            asPlatform().get("/api/sites/" + site).then().body("consoleAccessRights", contains("Admin"));

            checkBox(refused, "Admin").setChecked(true);
            HtmlPage saved = refused.getHtmlElementById("save-settings").click();
            assertThat(saved.getElementById("notice").getTextContent()).contains("saved");
            asPlatform().get("/api/sites/" + site).then().body("consoleAccessRights", contains("Admin", "Viewer"));

            // The sites of the platform are not a site admin's: no list, no new site, no deletion, even
            // with a valid CSRF token; nothing is stored.
            assertThat(browser.getPage(url("/console/sites")).getWebResponse().getStatusCode()).isEqualTo(403);
            String stolen = "stolen-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(post(browser, "/console/sites", "key", stolen, "name", "Not yours")).isEqualTo(403);
            asPlatform().get("/api/sites/" + stolen).then().statusCode(404);
            assertThat(post(browser, "/console/site/" + site + "/delete", "confirmKey", site)).isEqualTo(403);
            asPlatform().get("/api/sites/" + site).then().statusCode(200);
        }
    }

    @Test
    void aClientAppIsCreatedAndEditedWithItsOpenIdSettings() throws Exception {
        String site = newSiteWithCatalogs();
        String app = "portal-" + site;   // client ids are unique across sites
        try (WebClient browser = browser()) {
            signInAsPlatform(browser);
            HtmlPage apps = browser.getPage(url("/console/site/" + site + "/client-apps"));
            apps.getHtmlElementById("clientId").type(app);
            apps.getHtmlElementById("scopes").type("openid profile");
            checkBox(apps, "client_credentials").setChecked(false);
            checkBox(apps, "authorization_code").setChecked(true);
            apps.<HtmlTextArea>getHtmlElementById("redirectUris").setText("https://app.example.com/cb");
            apps.<HtmlSelect>getHtmlElementById("loginUrl").setSelectedAttribute("main", true);
            apps.<HtmlTextArea>getHtmlElementById("postLogoutRedirectUris").setText("https://app.example.com/bye");
            HtmlPage created = apps.getHtmlElementById("create-app").click();
            assertThat(created.getWebResponse().getStatusCode()).isEqualTo(201);
            assertThat(created.getHtmlElementById("client-secret").getAttribute("value")).isNotBlank();
            asPlatform().get("/api/sites/" + site + "/client-apps/" + app).then().statusCode(200)
                    .body("loginUrl", equalTo("main")).body("grantTypes", contains("authorization_code"))
                    .body("postLogoutRedirectUris", contains("https://app.example.com/bye"));

            // Edit: the stored settings are in the form; bad input is refused next to its field.
            HtmlPage edit = browser.getPage(url("/console/site/" + site + "/client-apps/" + app));
            assertThat(edit.getElementById("clientId")).as("the client id cannot change").isNull();
            assertThat(edit.<HtmlTextArea>getHtmlElementById("postLogoutRedirectUris").getText())
                    .isEqualTo("https://app.example.com/bye");
            edit.<HtmlTextArea>getHtmlElementById("jwks").setText("not json");
            HtmlPage badJwks = edit.getHtmlElementById("save-app").click();
            assertThat(badJwks.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(badJwks.getElementById("jwks-error").getTextContent()).contains("JSON Web Key Set");
            badJwks.<HtmlTextArea>getHtmlElementById("jwks").setText("");
            badJwks.getHtmlElementById("jwksUri").setAttribute("value", "http://169.254.169.254/keys");
            HtmlPage badUri = badJwks.getHtmlElementById("save-app").click();
            assertThat(badUri.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(badUri.getElementById("jwksUri-error").getTextContent()).isNotBlank();
            asPlatform().get("/api/sites/" + site + "/client-apps/" + app).then().body("jwksUri", nullValue());

            badUri.getHtmlElementById("jwksUri").setAttribute("value", "");
            badUri.<HtmlSelect>getHtmlElementById("userinfoResponse").setSelectedAttribute("signedJwt", true);
            badUri.<HtmlTextArea>getHtmlElementById("redirectUris")
                    .setText("https://app.example.com/cb\nhttps://app.example.com/cb2");
            HtmlPage saved = badUri.getHtmlElementById("save-app").click();
            assertThat(saved.getElementById("notice").getTextContent()).contains("saved");
            assertThat(saved.getElementById("secret-state").getTextContent()).contains("set");
            asPlatform().get("/api/sites/" + site + "/client-apps/" + app).then()
                    .body("userinfoResponse", equalTo("signedJwt"))
                    .body("redirectUris", contains("https://app.example.com/cb", "https://app.example.com/cb2"))
                    .body("clientSecret", nullValue());
        }
    }

    private String siteWithAdmin() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        String site = newSiteWithCatalogs();
        asPlatform().body(idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        idp.nextLogin(claims("ada@encode.dk", "Global Company"));
        return site;
    }

    private static HtmlPage signInAsPlatform(WebClient browser) throws Exception {
        HtmlPage page = browser.getPage(url("/console/sign-in"));
        page.getHtmlElementById("clientId").type(PLATFORM_CLIENT);
        page.getHtmlElementById("clientSecret").type(PLATFORM_SECRET);
        HtmlPage sites = submitPlatform(page);
        assertThat(sites.getUrl().getPath()).isEqualTo("/console/sites");
        return sites;
    }

    /** Posts a console form as the signed-in browser, with its CSRF token: the answer's status. */
    private static int post(WebClient browser, String path, String... fields) throws Exception {
        WebRequest request = new WebRequest(url(path), HttpMethod.POST);
        List<NameValuePair> parameters = new java.util.ArrayList<>();
        parameters.add(new NameValuePair("csrf-token", browser.getCookieManager().getCookie("csrf-token").getValue()));
        for (int i = 0; i < fields.length; i += 2) {
            parameters.add(new NameValuePair(fields[i], fields[i + 1]));
        }
        request.setRequestParameters(parameters);
        return browser.getPage(request).getWebResponse().getStatusCode();
    }

    /** The check box of this value (console access rights, grant types). */
    private static HtmlCheckBoxInput checkBox(HtmlPage page, String value) {
        List<HtmlElement> boxes = page.getDocumentElement().getElementsByAttribute("input", "value", value);
        return boxes.stream().filter(HtmlCheckBoxInput.class::isInstance).map(HtmlCheckBoxInput.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no check box " + value + " in " + page.getUrl()));
    }

}
