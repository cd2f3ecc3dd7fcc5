package org.ssobroker.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

/**
 * The outbound policy end to end, with the test profile (private addresses allowed for the
 * local fake IdP; metadata addresses refused always). Nothing here sends traffic anywhere but
 * 127.0.0.1: refused addresses are refused before any connection.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundEndToEndTest {

    static final String METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

    FakeIdp idp;
    String site;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        idp.reset();
        site = newSiteWithCatalogs();
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    private ObjectNode document(String configUrl) {
        ObjectNode doc = cognitoDocument(idp);
        ((ObjectNode) doc.get("oidc")).put("configUrl", configUrl);
        return doc;
    }

    /** Endpoints entered by hand (no discovery), the JWKS at {@code jwksUri}. */
    private ObjectNode manualDocument(String jwksUri) {
        ObjectNode doc = cognitoDocument(idp);
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.remove("configUrl");
        oidc.put("issuer", idp.issuer());
        oidc.put("authorizationUrl", idp.authorizationUrl());
        oidc.put("tokenUrl", idp.tokenUrl());
        oidc.put("jwksUri", jwksUri);
        return doc;
    }

    /** A discovery document at /meta whose userinfo_endpoint is the cloud metadata service. */
    private String metadataDiscovery() {
        String issuer = idp.issuer() + "/meta";
        idp.wireMock().stubFor(get(urlPathEqualTo("/meta/.well-known/openid-configuration")).willReturn(okJson(
                "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + idp.authorizationUrl()
                        + "\",\"token_endpoint\":\"" + idp.tokenUrl() + "\",\"jwks_uri\":\"" + idp.jwksUri()
                        + "\",\"userinfo_endpoint\":\"" + METADATA + "\"}")));
        return issuer + "/.well-known/openid-configuration";
    }

    private String newDraft() {
        return asPlatform().body(Map.of()).post("/api/sites/" + site + "/idp-wizard").then().statusCode(201)
                .extract().path("id");
    }

    private String exchangeClient(String nameId) {
        String clientId = "app-" + site + "-" + nameId;
        String secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_provisionByOpenIdToken_" + nameId),
                        "grantTypes", List.of("client_credentials")))
                .put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(201)
                .extract().path("clientSecret");
        return token(clientId, secret);
    }

    private Response exchange(String appToken, String nameId, String idToken) {
        return given().auth().oauth2(appToken).contentType("application/json")
                .body(Map.of("openIdToken", idToken))
                .post("/rest/external/site/" + site + "/idp/" + nameId + "/provisionByOpenIdToken");
    }

    private String idToken(String sub) {
        return idp.signIdToken(idp.standardClaims(Map.of("sub", sub, "email", sub + "@encode.dk")));
    }

    @Test
    void aDiscoveryDocumentNamingTheMetadataAddressIsRefusedAtEveryUse() {
        String configUrl = metadataDiscovery();

        String draft = newDraft();
        asPlatform().body(Map.of("configUrl", configUrl, "clientId", "c"))
                .put("/api/sites/" + site + "/idp-wizard/" + draft + "/steps/details").then().statusCode(200);
        asPlatform().post("/api/sites/" + site + "/idp-wizard/" + draft + "/discover").then().statusCode(422)
                .body("errors[0].field", equalTo("oidc.configUrl"))
                .body("errors[0].message", containsString(
                        "userinfo_endpoint is refused: 169.254.169.254 is a cloud metadata address"));

        // Saved by CI (the document is read when used), then refused at the login start and the exchange.
        asPlatform().body(document(configUrl)).put("/api/sites/" + site + "/idps/meta").then().statusCode(201);
        given().redirects().follow(false).get("/site/" + site + "/oauth2/authorization/meta?test=true")
                .then().statusCode(502)
                .header("Set-Cookie", (String) null)
                .body(containsString("169.254.169.254 is a cloud metadata address"));
        exchange(exchangeClient("meta"), "meta", idToken("s-meta")).then().statusCode(503)
                .body("error", equalTo("temporarily_unavailable"))
                .body("error_description", containsString("169.254.169.254 is a cloud metadata address"));
        asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200).body("$", empty());
    }

    @Test
    void aMetadataAddressEnteredByHandIsRefusedAtSave() {
        ObjectNode doc = manualDocument("http://[fd00:ec2::254]/jwks");
        ((ObjectNode) doc.get("oidc")).put("userInfoUrl", METADATA);
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/manual").then().statusCode(422)
                .body("errors.find { it.field == 'oidc.userInfoUrl' }.message",
                        equalTo("169.254.169.254 is a cloud metadata address"))
                .body("errors.find { it.field == 'oidc.jwksUri' }.message",
                        equalTo("fd00:ec2:0:0:0:0:0:254 is a cloud metadata address"));
        asPlatform().get("/api/sites/" + site + "/idps/manual").then().statusCode(404);
    }

    @Test
    void aRedirectFromTheJwksEndpointIsNotFollowed() {
        idp.wireMock().stubFor(get(urlPathEqualTo("/moved-jwks")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", idp.jwksUri())));
        asPlatform().body(manualDocument(idp.issuer() + "/moved-jwks")).put("/api/sites/" + site + "/idps/moved").then().statusCode(201);

        Response answer = exchange(exchangeClient("moved"), "moved", idToken("s-moved"));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(401);
        assertThat(idp.jwksRequests()).as("the redirect target was never fetched").isZero();
        asPlatform().get("/api/sites/" + site + "/users").then().body("$", empty());
    }

    @Test
    void withTheJwksEndpointDownTokensSignedWithCachedKeysStillVerify() {
        asPlatform().body(document(idp.configUrl())).put("/api/sites/" + site + "/idps/cognito").then()
                .statusCode(201);
        String app = exchangeClient("cognito");
        exchange(app, "cognito", idToken("s-first")).then().statusCode(200);
        int fetches = idp.jwksRequests();
        StubMapping down = idp.wireMock().stubFor(get(urlPathEqualTo("/jwks")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        try {
            exchange(app, "cognito", idToken("s-second")).then().statusCode(200);
            assertThat(idp.jwksRequests()).as("the cached keys were used").isEqualTo(fetches);
        } finally {
            idp.wireMock().removeStub(down);
        }
    }

    @Test
    void discoveryDownAtLoginShowsAClearErrorPageAndStoresNothing() {
        asPlatform().body(document("http://127.0.0.1:1/.well-known/openid-configuration"))
                .put("/api/sites/" + site + "/idps/down").then().statusCode(201);
        given().redirects().follow(false).get("/site/" + site + "/oauth2/authorization/down")
                .then().statusCode(502)
                .contentType(containsString("text/html"))
                .header("Set-Cookie", (String) null)
                .body(containsString("Sign-in provider unavailable"))
                .body(containsString("cannot be reached"));
        asPlatform().get("/api/sites/" + site + "/users").then().body("$", empty());
    }

    @Test
    void aTricklingDiscoveryEndsWithinTheDeadlineAndOtherRequestsStayServed() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (ServerSocket trickle = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            pool.submit(() -> {
                while (!trickle.isClosed()) {
                    Socket socket = trickle.accept();
                    pool.submit(() -> drip(socket));
                }
                return null;
            });
            String configUrl = "http://127.0.0.1:" + trickle.getLocalPort() + "/.well-known/openid-configuration";
            // More slow discoveries at once than the database pool has connections (20).
            List<Future<Response>> slow = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String draft = newDraft();
                asPlatform().body(Map.of("configUrl", configUrl, "clientId", "c"))
                        .put("/api/sites/" + site + "/idp-wizard/" + draft + "/steps/details").then().statusCode(200);
                slow.add(pool.submit(() -> asPlatform()
                        .post("/api/sites/" + site + "/idp-wizard/" + draft + "/discover")));
            }
            long start = System.nanoTime();
            asPlatform().get("/api/sites/" + site).then().statusCode(200);
            asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("other requests stay served")
                    .isLessThan(Duration.ofSeconds(2));
            for (Future<Response> answer : slow) {
                Response response = answer.get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(422);
                assertThat(response.jsonPath().getString("errors[0].message"))
                        .containsAnyOf("within 1000 ms (timeout)", "too many outbound fetches");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Headers, then one byte every 200 ms: never a complete answer. */
    private static Void drip(Socket socket) throws IOException, InterruptedException {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                out.write(' ');
                out.flush();
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        return null;
    }
}
