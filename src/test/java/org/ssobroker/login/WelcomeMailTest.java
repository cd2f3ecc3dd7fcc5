package org.ssobroker.login;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.login.BrowserLoginTest.browser;
import static org.ssobroker.login.BrowserLoginTest.claims;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/**
 * The welcome email, exactly once per new user, from the browser login and the token exchange.
 * In-JVM only: it reads the mock mailbox (the packaged app's mailbox is out of reach of *IT suites).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WelcomeMailTest {

    @TestHTTPResource("/")
    URL broker;

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
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void theWelcomeEmailIsSentOnceAndTheFirstLoginMessageShownOnce() throws Exception {
        idp.nextLogin(claims("anna@encode.dk", List.of(), "Agency"));
        try (WebClient browser = browser()) {
            HtmlPage first = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(first.getElementById("welcome-message")).isNotNull();
            assertThat(first.getElementById("welcome-message").asXml()).contains("Welcome anna@encode.dk");
            HtmlPage second = browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(second.getElementById("signed-in")).isNotNull();
            assertThat(second.getElementById("welcome-message")).isNull();
        }
        assertThat(mailbox.getMailsSentTo("anna@encode.dk")).hasSize(1);
        assertThat(mailbox.getMailsSentTo("anna@encode.dk").get(0).getSubject()).startsWith("Welcome to Site");
        assertThat(mailbox.getMailsSentTo("anna@encode.dk").get(0).getHtml()).contains("Hello Anna Doe");
    }
    @Test
    void refusedLoginsAndTestConnectionsSendNothing() throws Exception {
        idp.nextLogin(claims("eve@evil.example", List.of("OPS"), "Agency"));
        try (WebClient browser = browser()) {
            browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"));
        }
        idp.nextLogin(claims("john@encode.dk", List.of("OPS"), "Agency"));
        try (WebClient browser = browser()) {
            browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito?test=true"));
        }
        assertThat(mailbox.getTotalMessagesSent()).isZero();
    }

    @Test
    void parallelFirstLoginsAndExchangesSendOneEmail() throws Exception {
        idp.nextLogin(claims("rush@encode.dk", List.of("OPS"), "Agency"));
        String secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_cognito")))
                .put("/api/sites/" + site + "/client-apps/app-" + site).then().statusCode(201)
                .extract().path("clientSecret");
        String appToken = token("app-" + site, secret);
        String idToken = idp.signIdToken(idp.standardClaims(Map.of("sub", "sub-rush@encode.dk",
                "email", "rush@encode.dk")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean browserLogin = i % 2 == 0;
                calls.add(pool.submit(() -> {
                    if (browserLogin) {
                        try (WebClient browser = browser()) {
                            return browser.getPage(url("/site/" + site + "/oauth2/authorization/cognito"))
                                    .getWebResponse().getStatusCode();
                        }
                    }
                    return given().auth().oauth2(appToken).contentType("application/json")
                            .body(Map.of("openIdToken", idToken))
                            .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                            .then().extract().statusCode();
                }));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mailbox.getMailsSentTo("rush@encode.dk")).hasSize(1);
    }

    private URL url(String path) throws Exception {
        return new URL(broker, path);
    }
}
