package org.ssobroker.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TcpProxy;
import org.ssobroker.support.TestDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.as;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.platformToken;
import static org.ssobroker.support.TestApi.token;

/**
 * PostgreSQL cut and restored underneath a running broker (a TCP proxy in between): requests
 * during the cut fail fast with 503, the broker recovers without a restart, and provisioning is
 * all or nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseFaultTest.ThroughProxy.class, restrictToAnnotatedClass = true)
class DatabaseFaultTest {

    static TcpProxy proxy;

    /** Points the datasource at a proxy in front of the test database. */
    public static class ThroughProxy implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            URI database = URI.create(System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:postgresql://localhost:5432/postgres").substring("jdbc:".length()));
            String schema = System.getenv().getOrDefault("SSO_BROKER_TEST_SCHEMA", "sso_broker_test");
            try {
                proxy = new TcpProxy(database.getHost(), database.getPort() == -1 ? 5432 : database.getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port()
                    + database.getPath() + "?currentSchema=" + schema, "quarkus.flyway.clean-at-start", "false");
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void requestsDuringACutFailFastWith503AndTheBrokerRecoversWithProvisioningAllOrNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FakeIdp idp = FakeIdp.start()) {
            String site = newSiteWithCatalogs();
            ObjectNode doc = cognitoDocument();
            ObjectNode oidc = (ObjectNode) doc.get("oidc");
            oidc.put("configUrl", idp.configUrl());
            oidc.put("clientId", idp.clientId());
            oidc.put("clientSecret", idp.clientSecret());
            asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
            String clientId = "app-" + site;
            String secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_cognito"),
                    "grantTypes", List.of("client_credentials"))).put("/api/sites/" + site + "/client-apps/" + clientId)
                    .then().statusCode(201).extract().path("clientSecret");
            String app = token(clientId, secret);
            String admin = platformToken();
            assertThat(exchange(app, site, idp, "before").statusCode()).isEqualTo(200);

            proxy.cut();
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String user = "cut" + i;
                calls.add(() -> exchange(app, site, idp, user));
            }
            calls.add(() -> as(admin).get("/api/sites/" + site + "/users"));
            calls.add(() -> as(admin).get("/api/sites/" + site));
            long start = System.nanoTime();
            // A client app the broker has cached needs no database for client_credentials: 200 or 503, in time.
            Future<Response> tokenAnswer = pool.submit(() -> given().auth().preemptive().basic(clientId, secret)
                    .formParam("grant_type", "client_credentials").post("/oauth/token"));
            List<Future<Response>> answers = new ArrayList<>();
            for (Callable<Response> call : calls) {
                answers.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    Response response = call.call();
                    assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("one answer during the cut")
                            .isLessThan(Duration.ofSeconds(5));
                    return response;
                }));
            }
            for (Future<Response> answer : answers) {
                Response response = answer.get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
                assertThat(response.header("Retry-After")).isEqualTo("5");
                assertThat(response.asString()).doesNotContain("Exception").doesNotContain("jdbc");
            }
            assertThat(tokenAnswer.get(10, TimeUnit.SECONDS).statusCode()).isIn(200, 503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("all answers during the cut")
                    .isLessThan(Duration.ofSeconds(6));

            proxy.restore();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                status = as(admin).get("/api/sites/" + site).statusCode();
                if (status != 200) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
            assertThat(status).as("recovered without a restart").isEqualTo(200);
            assertThat(exchange(app, site, idp, "after").statusCode()).isEqualTo(200);

            // All or nothing: every user of the site has its IdP link and its default group; none is half made.
            assertThat(TestDb.number("select count(*) from app_user where site_key = ?", site)).isBetween(2L, 6L);
            assertThat(TestDb.number("select count(*) from app_user u where u.site_key = ? and not exists "
                    + "(select 1 from user_idp_link l where l.user_id = u.id)", site)).isZero();
            assertThat(TestDb.number("select count(*) from app_user u where u.site_key = ? and not exists "
                    + "(select 1 from user_group_membership m where m.user_id = u.id and m.group_name = 'Everyone')",
                    site)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response exchange(String app, String site, FakeIdp idp, String user) {
        String idToken = idp.signIdToken(idp.standardClaims(Map.of("sub", "s-" + user, "email", user + "@encode.dk")));
        return given().auth().oauth2(app).contentType("application/json").body(Map.of("openIdToken", idToken))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken");
    }
}
