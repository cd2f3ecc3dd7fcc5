package org.ssobroker.ops;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TcpProxy;
import org.ssobroker.support.TestDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
import static org.ssobroker.support.TestApi.publicBase;
import static org.ssobroker.support.TestApi.token;

/**
 * Faults underneath a running broker. PostgreSQL cut and restored (a TCP proxy in between):
 * requests during the cut fail fast with 503, the broker recovers without a restart, and
 * provisioning is all or nothing. The mail server down: logins still succeed, the failure is
 * logged with the user id. (IdP faults, JWKS and discovery down: outbound/OutboundEndToEndTest.)
 */
@QuarkusTest
@QuarkusTestResource(value = FaultToleranceTest.ThroughProxy.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    static TcpProxy proxy;

    /** Points the datasource at a proxy in front of the test database, and the mailer at a closed port. */
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
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port()
                    + database.getPath() + "?currentSchema=" + schema, "quarkus.flyway.clean-at-start", "false",
                    "quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", String.valueOf(closedPort), "quarkus.mailer.start-tls", "DISABLED");
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
    @Order(2)
    void requestsDuringACutFailFastWith503AndTheBrokerRecoversWithProvisioningAllOrNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FakeIdp idp = FakeIdp.start()) {
            String site = newSiteWithCatalogs();
            asPlatform().body(cognitoDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
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

            restoreAndWait(admin, site);
            assertThat(exchange(app, site, idp, "after").statusCode()).isEqualTo(200);

            // All or nothing: every user of the site has its IdP link and its default group; none is half made.
            assertThat(TestDb.number("select count(*) from app_user where site_key = ?", site)).isBetween(2L, 6L);
            assertThat(TestDb.number("select count(*) from app_user u where u.site_key = ? and not exists "
                    + "(select 1 from user_idp_link l where l.user_id = u.id)", site)).isZero();
            assertThat(TestDb.number("select count(*) from app_user u where u.site_key = ? and not exists "
                    + "(select 1 from user_group_membership m where m.user_id = u.id and m.group_name = 'Everyone')",
                    site)).isZero();
        } finally {
            proxy.restore();
            pool.shutdownNow();
        }
    }

    /**
     * Restores the database and polls (bounded) until the broker answers from it again: a burst
     * of concurrent requests (more than the pool's connections) all answered, so every connection
     * that died with the cut has been used and replaced. Recovered without a restart.
     */
    private static void restoreAndWait(String admin, String site) throws Exception {
        proxy.restore();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ExecutorService burst = Executors.newFixedThreadPool(24);
        try {
            boolean recovered = false;
            while (!recovered && System.nanoTime() < deadline) {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    answers.add(burst.submit(() -> as(admin).get("/api/sites/" + site + "/users").statusCode()));
                }
                recovered = true;
                for (Future<Integer> answer : answers) {
                    recovered &= answer.get(10, TimeUnit.SECONDS) == 200;
                }
                if (!recovered) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
            assertThat(recovered).as("recovered without a restart").isTrue();
        } finally {
            burst.shutdownNow();
        }
    }

    /** First: it is about the mail server, and must not meet connections that died with the cut. */
    @Test
    @Order(1)
    void withTheMailServerDownTheLoginSucceedsAndTheFailureIsLoggedWithTheUserId() throws Exception {
        // The app runs in this JVM: its log records reach a handler added here.
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("org.ssobroker.provisioning");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getParameters() == null ? record.getMessage()
                        : String.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try (FakeIdp idp = FakeIdp.start(); WebClient browser = new WebClient()) {
            String site = newSiteWithCatalogs();
            asPlatform().body(cognitoDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
            idp.nextLogin(Map.of("sub", "s-mia", "email", "mia@encode.dk"));
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            Page page = browser.getPage(publicBase() + "/site/" + site + "/oauth2/authorization/cognito");
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.getWebResponse().getContentAsString()).contains("mia@encode.dk");

            String userId = asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200)
                    .extract().path("[0].id");
            assertThat(logged).anySatisfy(line -> assertThat(line)
                    .startsWith("Welcome email to user " + userId + " of site " + site + " could not be sent"));
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static Response exchange(String app, String site, FakeIdp idp, String user) {
        String idToken = idp.signIdToken(idp.standardClaims(Map.of("sub", "s-" + user, "email", user + "@encode.dk")));
        return given().auth().oauth2(app).contentType("application/json").body(Map.of("openIdToken", idToken))
                .post("/rest/external/site/" + site + "/idp/cognito/provisionByOpenIdToken");
    }
}
