package org.ssobroker.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestApi;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/**
 * Prometheus counters for logins, exchanges, provisioning, mapping, JWKS and discovery count what
 * this test's requests did; no secret reaches the log those requests wrote.
 */
@QuarkusTest
@TestProfile(ObservabilityTest.OwnLog.class)
class ObservabilityTest {

    static final Path LOG = Path.of("target/observability-test.log");

    /**
     * A log file of this test's own, with the HTTP access log in it (method, path, status: no
     * header), so the log searched for secrets holds the lines this test's requests wrote.
     */
    public static class OwnLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.path", LOG.toString(),
                    "quarkus.http.access-log.enabled", "true",
                    "quarkus.http.access-log.pattern", "%h %t %m %U %s");
        }
    }

    @TestHTTPResource("/")
    URL broker;

    @Test
    void theFlowsAreCountedAndNoSecretReachesTheLog() throws Exception {
        List<String> secrets = new ArrayList<>();
        String site;
        String draft;
        Map<String, Double> before;
        Map<String, Double> after;
        long logStart;
        try (FakeIdp idp = FakeIdp.start()) {
            site = newSiteWithCatalogs();
            ObjectNode doc = cognitoDocument();
            ObjectNode oidc = (ObjectNode) doc.get("oidc");
            oidc.put("configUrl", idp.configUrl());
            oidc.put("clientId", idp.clientId());
            oidc.put("clientSecret", idp.clientSecret());
            secrets.add(idp.clientSecret());
            asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
            String clientSecret = asPlatform().body(Map.of(
                            "scopes", List.of("site_" + site + "_provisionByOpenIdToken_cognito"),
                            "grantTypes", List.of("client_credentials", "refresh_token")))
                    .put("/api/sites/" + site + "/client-apps/app-" + site).then().statusCode(201)
                    .extract().<String>path("clientSecret");
            secrets.add(clientSecret);
            String appToken = token("app-" + site, clientSecret);
            secrets.add(appToken);

            before = counters(site);
            logStart = Files.exists(LOG) ? Files.size(LOG) : 0;

            // Two exchanges: one provisions Ann, one is refused (its signature is broken).
            Map<String, Object> claims = new HashMap<>(idp.standardClaims(Map.of("sub", "s-ann",
                    "email", "ann@encode.dk", "cognito:groups", List.of("OPS"), "custom:access_Right_AWS", "Agency")));
            String idToken = idp.signIdToken(claims);
            secrets.add(idToken);
            Map<String, Object> tokens = given().auth().oauth2(appToken).contentType("application/json")
                    .body(Map.of("openIdToken", idToken))
                    .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                    .then().statusCode(200).extract().as(Map.class);
            secrets.add((String) tokens.get("access_token"));
            secrets.add((String) tokens.get("refresh_token"));
            given().auth().oauth2(appToken).contentType("application/json")
                    .body(Map.of("openIdToken", idToken + "x"))
                    .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken")
                    .then().statusCode(401);

            // A browser login provisions Bob.
            idp.nextLogin(Map.of("sub", "s-bob", "email", "bob@encode.dk"));
            try (WebClient browser = new WebClient()) {
                browser.getOptions().setJavaScriptEnabled(false);
                assertThat(browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/cognito"))
                        .getWebResponse().getStatusCode()).isEqualTo(200);
            }

            // The wizard's discovery of a configuration nobody answers for.
            draft = asPlatform().body(Map.of()).post("/api/sites/" + site + "/idp-wizard").then()
                    .extract().path("id");
            asPlatform().body(Map.of("configUrl", "http://127.0.0.1:1/.well-known/openid-configuration",
                    "clientId", "c")).put("/api/sites/" + site + "/idp-wizard/" + draft + "/steps/details");
            asPlatform().post("/api/sites/" + site + "/idp-wizard/" + draft + "/discover").then().statusCode(422);

            after = counters(site);
        }

        assertThat(delta(before, after)).as("what this test's requests counted").containsExactlyInAnyOrderEntriesOf(
                Map.of("sso_broker_exchanges_total outcome=success", 1.0,
                        "sso_broker_exchanges_total outcome=invalid_token", 1.0,
                        "sso_broker_logins_total outcome=success", 1.0,
                        "sso_broker_provisioning_total outcome=created", 2.0,
                        "sso_broker_mapping_total outcome=mapped", 2.0,
                        "sso_broker_jwks_fetches_total", 1.0,
                        "sso_broker_discovery_failures_total", 1.0));

        String exchange = "POST /rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken ";
        String callback = "GET /site/" + site + "/login/oauth2/code/cognito";
        String log = await("this test's requests in its log").atMost(Duration.ofSeconds(5))
                .until(() -> readFrom(logStart), written -> written.contains(exchange + "200")
                        && written.contains(exchange + "401") && written.contains(callback)
                        && written.contains("POST /api/sites/" + site + "/idp-wizard/" + draft + "/discover 422"));
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    /**
     * This site's counters by name and outcome, and the one counter without a site (discovery
     * failures), as Prometheus shows them.
     */
    private static Map<String, Double> counters(String site) {
        String metrics = given().get(TestApi.management("/q/metrics")).then().statusCode(200).extract().asString();
        Map<String, Double> values = new HashMap<>();
        metrics.lines().filter(line -> line.startsWith("sso_broker_") && !line.startsWith("sso_broker_upstream"))
                .filter(line -> line.contains("site=\"" + site + "\"") || !line.contains("site="))
                .forEach(line -> {
                    String name = line.substring(0, line.contains("{") ? line.indexOf('{') : line.indexOf(' '));
                    int outcome = line.indexOf("outcome=\"");
                    String key = outcome < 0 ? name
                            : name + " outcome=" + line.substring(outcome + 9, line.indexOf('"', outcome + 9));
                    values.merge(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                });
        return values;
    }

    /** The counters that moved, by how much. */
    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> moved = new HashMap<>();
        after.forEach((key, value) -> {
            double by = value - before.getOrDefault(key, 0.0);
            if (by != 0) {
                moved.put(key, by);
            }
        });
        return moved;
    }

    private static String readFrom(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(LOG.toFile(), "r")) {
            byte[] written = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(written);
            return new String(written, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
