package org.ssobroker.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ssobroker.support.FakeIdp;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.publicBase;

/**
 * The console in a real browser (headless Chromium through ChromeDriver): a site admin signs in
 * through the site's login and the fake IdP, walks every wizard step (a preset, a failing and a
 * working discovery, an uploaded mapping with its table, a welcome preview), saves, finds the IdP
 * in the list, tests the connection, edits the IdP and deletes a draft. Each step's page goes to
 * target/console-screenshots/.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    FakeIdp idp;
    String site;
    WebDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void setUp() {
        if (driver != null) {
            return;
        }
        idp = FakeIdp.start();
        site = newSiteWithCatalogs();
        // The site's own sign-in method, through which its admin signs in to the console.
        asPlatform().body(ConsoleSignInTest.idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201);
        driver = Chromium.start(1280, 900);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        // htmx swaps parts of the page: an element read just before a swap is gone; read it again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aSiteAdminCreatesTestsAndEditsAnIdpThroughTheWizard() {
        signIn();

        // Step 1: basics.
        click(By.id("add-idp-dashboard"));
        waitFor(By.id("step-form"));
        assertThat(driver.findElement(By.cssSelector("nav [aria-current=step]")).getText()).isEqualTo("Basics");
        type("nameId", "acmeOkta");
        type("displayName", "Sign in with Acme");
        type("emailDomains", "encode.dk");
        shot("wizard-1-basics");
        next();

        // Step 2: login URL.
        new Select(driver.findElement(By.id("loginUrl"))).selectByValue("main");
        shot("wizard-2-login-url");
        next();

        // Step 3: details. The callback URL to paste into the IdP, with a copy button.
        assertThat(value("callbackUrl")).isEqualTo(publicBase() + "/site/" + site + "/login/oauth2/code/acmeOkta");
        assertThat(value("authorizationBaseUrl")).endsWith("/site/" + site + "/oauth2/authorization/acmeOkta");
        // A preset: Okta asks for its domain (htmx swaps the inputs in) and shows its hints.
        new Select(driver.findElement(By.id("type"))).selectByValue("OKTA");
        waitFor(By.id("domain"));
        assertThat(driver.findElement(By.id("hints")).getText()).contains("redirect URI");
        type("domain", "acme.okta.example");
        // A config URL that is not the IdP's: discovery says why.
        type("configUrl", idp.issuer() + "/wrong/.well-known/openid-configuration");
        type("clientId", idp.clientId());
        type("clientSecret", idp.clientSecret());
        click(By.id("discover"));
        waitFor(By.id("configUrl-error"));
        assertThat(driver.findElement(By.id("configUrl-error")).getText()).contains("answered HTTP 404");
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("The step was saved, but discovery failed");
        shot("wizard-3-details-discovery-failed");
        type("configUrl", idp.configUrl());
        type("clientSecret", idp.clientSecret());
        click(By.id("discover"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Discovery filled"));
        assertThat(value("tokenUrl")).isEqualTo(idp.tokenUrl());
        assertThat(driver.findElement(By.id("tokenUrl")).getAttribute("readonly")).isNotNull();
        // The preset filled what was empty.
        assertThat(value("scopes")).isEqualTo("openid email profile");
        assertThat(driver.findElement(By.id("secret-status")).getText()).isEqualTo("set");
        shot("wizard-3-details");
        next();

        // Step 4: attributes; "Add a row" appends one in place (htmx), without a round trip of the step.
        driver.findElement(By.id("claim-0")).sendKeys("given_name");
        driver.findElement(By.id("field-0")).sendKeys("firstName");
        int rows = driver.findElements(By.cssSelector("#attribute-rows tbody tr")).size();
        click(By.id("add-row"));
        waitFor(By.id("claim-" + rows));
        driver.findElement(By.id("claim-" + rows)).sendKeys("family_name");
        driver.findElement(By.id("field-" + rows)).sendKeys("lastName");
        click(By.id("add-row"));
        waitFor(By.id("claim-" + (rows + 1)));
        assertThat(driver.findElement(By.id("claim-0")).getAttribute("value")).as("typed rows stay").isEqualTo("given_name");
        shot("wizard-4-attributes");
        next();

        // Step 5: access rights, from an uploaded mapping document: its nodes offered, the table previewed.
        type("claim", "custom:access_Right_AWS");
        driver.findElement(By.id("file")).sendKeys(Paths.get("src/test/resources/fixtures/access-rights-mapping.xml")
                .toAbsolutePath().toString());
        click(By.id("upload"));
        waitFor(By.cssSelector("#keyNode option[value=ExternalSystemAccess]"));
        new Select(driver.findElement(By.id("keyNode"))).selectByValue("ExternalSystemAccess");
        htmxIdle();
        new Select(driver.findElement(By.id("valueNode"))).selectByValue("EncodeAccessRight");
        htmxIdle();
        wait.until(d -> d.findElement(By.id("mapping-table")).getText().contains("Global Company"));
        assertThat(driver.findElement(By.id("mapping-table")).getText()).contains("Agency").contains("Agency User")
                .contains("Global Company").contains("Admin");
        shot("wizard-5-access-rights");
        next();

        // Step 6: groups, left out.
        shot("wizard-6-groups");
        next();

        // Step 7: default properties from the site's catalog.
        new Select(driver.findElement(By.id("accessRight"))).selectByValue("Viewer");
        type("language", "en");
        shot("wizard-7-default-properties");
        next();

        // Step 8: default groups from the site's catalog.
        click(By.cssSelector("input[name=group][value=Everyone]"));
        shot("wizard-8-default-groups");
        next();

        // Step 9: welcome email and message, previewed live in sandboxed frames.
        click(By.id("emailEnabled"));
        type("emailSubject", "Welcome to ${site.name}");
        type("emailTemplate", "<p>Hello <b>${user.name}</b></p>");
        wait.until(d -> d.findElement(By.id("preview-email")).getAttribute("srcdoc").contains("Hello <b>Jane Doe</b>"));
        assertThat(driver.findElement(By.id("preview-subject")).getText()).isEqualTo("Welcome to Site " + site);
        assertThat(driver.findElement(By.id("preview-email")).getAttribute("sandbox")).isEmpty();
        shot("wizard-9-welcome");
        click(By.id("save-idp"));

        // Saved: the IdP's page.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "saved"));
        assertThat(driver.findElement(By.id("secret-status")).getText()).isEqualTo("set");
        asPlatform().get("/api/sites/" + site + "/idps/acmeOkta").then().statusCode(200)
                .body("attributeMappings.claim", org.hamcrest.Matchers.contains("given_name", "family_name"));
        shot("idp-saved");

        // Found in the list.
        driver.get(publicBase() + "/console/site/" + site + "/idps");
        type("q", "acme");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("idp-count"), "match"));
        assertThat(driver.findElement(By.id("idp-table")).getText()).contains("acmeOkta").doesNotContain("cognito");
        shot("idp-list");

        // Test connection: the IdP round trip in a new tab, showing claims and mapping.
        driver.findElement(By.linkText("acmeOkta")).click();
        waitFor(By.id("test-connection"));
        String console = driver.getWindowHandle();
        idp.nextLogin(ConsoleSignInTest.claims("john@encode.dk", "Agency"));
        click(By.id("test-connection"));
        wait.until(d -> d.getWindowHandles().size() == 2);
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(console)) {
                driver.switchTo().window(handle);
            }
        }
        waitFor(By.id("claims"));
        assertThat(driver.findElement(By.id("claims")).getText()).contains("custom:access_Right_AWS");
        assertThat(driver.findElement(By.id("mapping")).getText()).contains("Agency User");
        shot("idp-test-connection");
        driver.close();
        driver.switchTo().window(console);

        // A client app: its secret shown once, with a copy button; it works at the token endpoint.
        driver.get(publicBase() + "/console/site/" + site + "/client-apps");
        type("clientId", "acme-plugin");
        type("scopes", "site_" + site + "_provisionByOpenIdToken_acmeOkta");
        click(By.id("create-app"));
        waitFor(By.id("client-secret"));
        String secret = value("client-secret");
        assertThat(driver.findElement(By.cssSelector("[data-copy=client-secret]")).isDisplayed()).isTrue();
        shot("client-app-secret-once");
        io.restassured.RestAssured.given().auth().preemptive().basic("acme-plugin", secret)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200);
        driver.get(publicBase() + "/console/site/" + site + "/client-apps");
        waitFor(By.id("client-apps"));
        assertThat(driver.getPageSource()).contains("acme-plugin").doesNotContain(secret);
        driver.get(publicBase() + "/console/site/" + site + "/idps/acmeOkta");

        // Edit: the secret shows as set, never its value; a change is saved.
        click(By.id("edit-idp"));
        waitFor(By.id("step-form"));
        assertThat(driver.findElement(By.id("nameId")).getAttribute("readonly")).isNotNull();
        type("displayName", "Acme employees");
        next();
        next();
        assertThat(driver.findElement(By.id("secret-status")).getText()).isEqualTo("set");
        assertThat(value("clientSecret")).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(idp.clientSecret());
        shot("wizard-edit-details");
        click(By.cssSelector("button[value=finish]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "updated"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Acme employees");

        // A draft, deleted.
        driver.get(publicBase() + "/console/site/" + site + "/idps");
        click(By.id("add-idp"));
        waitFor(By.id("step-form"));
        type("nameId", "throwAway");
        type("displayName", "Throw away");
        next();
        driver.get(publicBase() + "/console/site/" + site + "/idps");
        waitFor(By.id("draft-list"));
        assertThat(driver.findElement(By.id("draft-list")).getText()).contains("Throw away");
        click(By.cssSelector("#draft-list button"));
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "draft was deleted"));
        assertThat(driver.findElements(By.cssSelector("#draft-list li")).stream().map(WebElement::getText))
                .noneMatch(text -> text.contains("Throw away"));
    }

    @Test
    void theWizardReadsWellAtAPhonesWidth() {
        signIn();
        try {
            Chromium.emulate(driver, 390, 844);
            click(By.id("add-idp-dashboard"));
            waitFor(By.id("step-form"));
            // The step list folds away; the form takes the width.
            assertThat(driver.findElement(By.id("steps-compact")).isDisplayed()).isTrue();
            WebElement name = driver.findElement(By.id("nameId"));
            assertThat(name.getSize().getWidth()).isGreaterThan(300);
            shot("phone-wizard-1-basics");
            type("nameId", "phoneIdp");
            type("displayName", "Phone IdP");
            next();
            new Select(driver.findElement(By.id("loginUrl"))).selectByValue("main");
            next();
            shot("phone-wizard-3-details");
            Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(0L);
        } finally {
            Chromium.emulate(driver, null, null);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void signIn() {
        driver.manage().deleteAllCookies();
        idp.nextLogin(ConsoleSignInTest.claims("ada@encode.dk", "Global Company"));
        driver.get(publicBase() + "/console/sign-in");
        type("site", site);
        click(By.cssSelector("#site-heading ~ form button[type=submit]"));
        // The site's login page: its IdP's button; the fake IdP answers at once.
        click(By.partialLinkText("Sign in with Cognito"));
        List<WebElement> welcome = new ArrayList<>(driver.findElements(By.id("welcome-message")));
        if (!welcome.isEmpty()) {
            click(By.id("continue"));
        }
        waitFor(By.id("counts"));
        assertThat(driver.findElement(By.id("signed-in-as")).getText()).contains("ada@encode.dk");
    }

    private void next() {
        String before = driver.getCurrentUrl();
        click(By.id("next"));
        wait.until(d -> !d.getCurrentUrl().equals(before) || !d.findElements(By.id("error-summary")).isEmpty());
        assertThat(driver.findElements(By.id("error-summary"))).as(() -> driver.findElement(By.id("error-summary"))
                .getText()).isEmpty();
    }

    /** Until htmx has no request in flight (it marks the elements whose request runs). */
    private void htmxIdle() {
        wait.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return document.querySelector('.htmx-request') === null;")));
    }

    private void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
    }

    private void waitFor(By by) {
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("failed-" + by.toString().replaceAll("[^A-Za-z0-9-]", "_"));
            throw new AssertionError("No " + by + " on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    private void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    private String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    private void shot(String name) {
        Chromium.screenshot(driver, name);
    }
}
