package org.ssobroker.login;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestClock;
import org.ssobroker.support.TestDb;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * A test connection whose intent cookie is gone by the callback (expired during a slow IdP
 * login, removed, or forged) must not fall back to a real login: nothing stored, nothing mailed,
 * and the page says to start again.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestConnectionFailsClosedTest {

    @TestHTTPResource("/")
    URL broker;

    @Inject
    TestClock clock;

    @Inject
    MockMailbox mailbox;

    FakeIdp idp;
    String site;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        idp.reset();
        mailbox.clear();
        site = newSiteWithCatalogs();
        asPlatform().body(BrowserLoginTest.idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201);
        idp.nextLogin(BrowserLoginTest.claims("tess@encode.dk", List.of("QA"), "Agency"));
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
    void anIntentCookieThatExpiredDuringTheIdpLoginStoresNothing() throws Exception {
        assertStartAgain(browser -> clock.advance(Duration.ofMinutes(11)));
    }

    @Test
    void aMissingIntentCookieStoresNothing() throws Exception {
        assertStartAgain(browser -> browser.getCookieManager().getCookies().stream()
                .filter(c -> c.getName().startsWith("sso_intent_")).toList()
                .forEach(c -> browser.getCookieManager().removeCookie(c)));
    }

    @Test
    void aForgedIntentCookieStoresNothing() throws Exception {
        assertStartAgain(browser -> browser.getCookieManager().getCookies().stream()
                .filter(c -> c.getName().startsWith("sso_intent_")).toList()
                .forEach(c -> {
                    browser.getCookieManager().removeCookie(c);
                    browser.getCookieManager().addCookie(new Cookie(c.getDomain(), c.getName(), "forged" + c.getValue(),
                            c.getPath(), c.getExpires(), c.isSecure(), c.isHttpOnly()));
                }));
    }

    /** Starts a test connection, does something while the browser is at the IdP, then completes it. */
    private void assertStartAgain(Consumer<WebClient> whileAtTheIdp) throws Exception {
        try (WebClient browser = BrowserLoginTest.browser()) {
            browser.getOptions().setRedirectEnabled(false);
            Page page = browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/cognito?test=true"));
            boolean atIdp = false;
            for (int hop = 0; hop < 10; hop++) {
                String location = page.getWebResponse().getResponseHeaderValue("Location");
                if (location == null) {
                    break;
                }
                URL next = new URL(page.getUrl(), location);
                if (!atIdp && next.toString().startsWith(idp.authorizationUrl())) {
                    atIdp = true;
                    whileAtTheIdp.accept(browser);
                }
                page = browser.getPage(next);
            }
            assertThat(atIdp).as("went through the IdP").isTrue();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.getWebResponse().getContentAsString()).contains("Start again").doesNotContain("claims");
        }
        assertThat(TestDb.number("select count(*) from app_user where site_key = ?", site)).isZero();
        assertThat(mailbox.getTotalMessagesSent()).isZero();
    }
}
