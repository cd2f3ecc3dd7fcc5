package org.ssobroker.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.FakeIdp;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/** Prometheus counters for logins, exchanges, provisioning, mapping, JWKS and discovery; no secret in the logs. */
@QuarkusTest
class ObservabilityTest {

    @TestHTTPResource("/")
    URL broker;

    @Test
    void theFlowsAreCountedAndNoSecretReachesTheLog() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (FakeIdp idp = FakeIdp.start()) {
            String site = newSiteWithCatalogs();
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

            idp.nextLogin(Map.of("sub", "s-bob", "email", "bob@encode.dk"));
            try (WebClient browser = new WebClient()) {
                browser.getOptions().setJavaScriptEnabled(false);
                assertThat(browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/cognito"))
                        .getWebResponse().getStatusCode()).isEqualTo(200);
            }
            String draft = asPlatform().body(Map.of()).post("/api/sites/" + site + "/idp-wizard").then()
                    .extract().path("id");
            asPlatform().body(Map.of("configUrl", "http://127.0.0.1:1/.well-known/openid-configuration",
                    "clientId", "c")).put("/api/sites/" + site + "/idp-wizard/" + draft + "/steps/details");
            asPlatform().post("/api/sites/" + site + "/idp-wizard/" + draft + "/discover").then().statusCode(422);

            String metrics = given().get(org.ssobroker.support.TestApi.management("/q/metrics")).then().statusCode(200).extract().asString();
            String tags = "idp=\"cognito\"";
            assertThat(line(metrics, "sso_broker_exchanges_total", site, "outcome=\"success\"")).contains(tags);
            assertThat(line(metrics, "sso_broker_exchanges_total", site, "outcome=\"invalid_token\"")).isNotNull();
            assertThat(line(metrics, "sso_broker_logins_total", site, "outcome=\"success\"")).isNotNull();
            assertThat(line(metrics, "sso_broker_provisioning_total", site, "outcome=\"created\"")).isNotNull();
            assertThat(line(metrics, "sso_broker_mapping_total", site, "outcome=\"mapped\"")).isNotNull();
            assertThat(line(metrics, "sso_broker_jwks_fetches_total", site, tags)).isNotNull();
            assertThat(metrics).contains("sso_broker_discovery_failures_total");
        }

        String log = Files.readString(Path.of("target/quarkus-test.log"), StandardCharsets.UTF_8);
        assertThat(log).as("the test log is written").contains("HHH000204");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    private static String line(String metrics, String name, String site, String tag) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") && l.contains("site=\"" + site + "\"") && l.contains(tag))
                .findFirst().orElse(null);
    }
}
