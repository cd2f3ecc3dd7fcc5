package org.ssobroker.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * Two replicas of the packaged application on one database, sharing their secrets as pods do:
 * a login started on one completes on the other, tokens of one are accepted by the other, and
 * an IdP changed through one is seen by the other within five seconds.
 */
@QuarkusIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiReplicaIT {

    Process second;
    int secondPort;
    int secondManagementPort;
    FakeIdp idp;

    @BeforeAll
    void startSecondReplica() throws Exception {
        try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            secondPort = socket.getLocalPort();
            secondManagementPort = management.getLocalPort();
        }
        // Like a pod behind the ingress: forwarded headers from the test (its "proxy") are trusted here.
        second = new ProcessBuilder(javaExecutable(), "-Dquarkus.profile=test",
                "-Dquarkus.http.port=" + secondPort, "-Dquarkus.management.port=" + secondManagementPort,
                "-Dquarkus.http.proxy.trusted-proxies=127.0.0.1", "-Dquarkus.flyway.clean-at-start=false",
                "-Dquarkus.log.file.enabled=false", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/second-replica.log"))
                .start();
        await("the second replica ready (see target/second-replica.log)").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status(secondManagementPort, "/q/health/ready"), answer -> answer == 200);
        idp = FakeIdp.start();
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.destroy();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aLoginStartedOnOneReplicaCompletesOnTheOther() throws Exception {
        String site = newSiteWithCatalogs();
        asPlatform().body(idpDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        idp.nextLogin(Map.of("sub", "s-max", "email", "max@encode.dk"));
        String first = RestAssured.baseURI + ":" + RestAssured.port;
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setRedirectEnabled(false);
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            // Behind the Service both replicas answer for the same public host.
            browser.addRequestHeader("X-Forwarded-Host", "localhost:" + RestAssured.port);
            Page page = browser.getPage(first + "/site/" + site + "/oauth2/authorization/cognito");
            boolean sentToSecond = false;
            for (int hop = 0; hop < 10 && page.getWebResponse().getStatusCode() / 100 == 3; hop++) {
                URL next = new URL(page.getUrl(), page.getWebResponse().getResponseHeaderValue("Location"));
                if (next.getPath().contains("/login/oauth2/code/") && next.getQuery() != null
                        && next.getQuery().contains("code=")) {
                    // The IdP's redirect back lands on the other replica.
                    next = new URL("http", next.getHost(), secondPort, next.getFile());
                    sentToSecond = true;
                }
                page = browser.getPage(next);
            }
            assertThat(sentToSecond).isTrue();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.getWebResponse().getContentAsString()).contains("max@encode.dk");
        }
        asPlatform().get("/api/sites/" + site + "/users").then().body("[0].login",
                org.hamcrest.Matchers.equalTo("max@encode.dk"));
    }

    @Test
    void tokensOfOneReplicaWorkOnTheOtherAndIdpChangesReachIt() throws Exception {
        String site = newSiteWithCatalogs();
        asPlatform().body(idpDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        String token = org.ssobroker.support.TestApi.platformToken();
        given().port(secondPort).auth().oauth2(token).get("/api/sites/" + site).then().statusCode(200);

        String newRedirect = "https://moved.example.com/after-login";
        String start = "/site/" + site + "/oauth2/authorization/cognito?redirect_uri="
                + java.net.URLEncoder.encode(newRedirect, "UTF-8");
        assertThat(status(secondPort, start)).isEqualTo(400);
        ObjectNode changed = idpDocument();
        changed.putArray("allowedRedirectUrls").add(newRedirect);
        asPlatform().body(changed).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(status(secondPort, start)).as("the change is seen by the other replica within 5 s")
                        .isEqualTo(303));
    }

    private ObjectNode idpDocument() {
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        doc.putArray("allowedRedirectUrls").add("https://app.example.com/after-login");
        return doc;
    }

    private static int status(int port, String path) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

}
