package org.ssobroker.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssobroker.support.TestDb;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSite;
import static org.ssobroker.support.TestApi.token;

/**
 * A client app's tokens die with it: deleted, secret rotated, site deleted (and re-created under the
 * same key). Here at once; through another replica (a change written underneath, as that replica's
 * transaction would) within the poll interval (1 s) + 1 s.
 */
@QuarkusTest
class TokenRevocationTest {

    static final long DEADLINE_NANOS = 2_000_000_000L;

    @Test
    void aDeletedClientsTokenIsRefused() {
        String site = newSite();
        String[] admin = adminClient(site);
        String token = token(admin[0], admin[1]);
        siteRead(site, token).statusCode(200);
        asPlatform().delete("/api/sites/" + site + "/client-apps/" + admin[0]).then().statusCode(204);
        siteRead(site, token).statusCode(401).body("detail", equalTo("The access token is invalid, expired or revoked."));
    }

    @Test
    void aRotatedSecretRevokesTheTokensIssuedUnderTheOldOne() {
        String site = newSite();
        String[] admin = adminClient(site);
        String old = token(admin[0], admin[1]);
        String newSecret = asPlatform().post("/api/sites/" + site + "/client-apps/" + admin[0] + "/secret")
                .then().statusCode(200).extract().path("clientSecret");
        siteRead(site, old).statusCode(401);
        siteRead(site, token(admin[0], newSecret)).statusCode(200);
    }

    @Test
    void aRecreatedSiteDoesNotReviveTheOldSitesTokens() {
        String site = newSite();
        String[] admin = adminClient(site);
        String old = token(admin[0], admin[1]);
        asPlatform().delete("/api/sites/" + site).then().statusCode(204);
        asPlatform().body(Map.of("name", "Again")).put("/api/sites/" + site).then().statusCode(201);
        // Even a new app under the same client id in the re-created site does not revive it.
        adminClient(site, admin[0]);
        siteRead(site, old).statusCode(401);
    }

    /** What another replica's transaction writes: the change itself and its change-feed row. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"client deleted", "secret rotated", "site deleted"})
    void aChangeThroughAnotherReplicaRevokesWithinTheStatedTime(String change) {
        String site = newSite();
        String[] admin = adminClient(site);
        String token = token(admin[0], admin[1]);
        siteRead(site, token).statusCode(200);
        switch (change) {
            case "client deleted" -> {
                TestDb.update("delete from client_app where client_id = ?", admin[0]);
                feedRow("CLIENT", site, admin[0], "DELETED");
            }
            case "secret rotated" -> {
                TestDb.update("update client_app set credential_id = ? where client_id = ?", UUID.randomUUID(),
                        admin[0]);
                feedRow("CLIENT", site, admin[0], "UPDATED");
            }
            default -> {
                TestDb.update("delete from site where site_key = ?", site);
                feedRow("SITE", site, "*", "DELETED");
            }
        }
        assertRefusedWithin(site, token);
    }

    private static void feedRow(String subject, String site, String name, String change) {
        TestDb.update("insert into change_feed (subject, site_key, name, change) values (?, ?, ?, ?)", subject, site,
                name, change);
    }

    @Test
    void aTokenOfAnotherKindSignedByTheBrokerIsNoAccessToken() throws Exception {
        // A JWT with the broker's key and claims, but typ JWT (e.g. a future id_token): not an access token.
        String site = newSite();
        String[] admin = adminClient(site);
        String token = token(admin[0], admin[1]);
        String[] parts = token.split("\\.");
        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header).contains("\"typ\":\"at+jwt\"");
        String retyped = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(header.replace("at+jwt", "JWT").getBytes()) + "." + parts[1] + "." + parts[2];
        siteRead(site, retyped).statusCode(401);
    }

    private void assertRefusedWithin(String site, String token) {
        long start = System.nanoTime();
        while (siteRead(site, token).extract().statusCode() != 401) {
            assertThat(System.nanoTime() - start).as("refused within poll interval + 1 s").isLessThan(DEADLINE_NANOS);
        }
        siteRead(site, token).statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse siteRead(String site, String token) {
        return given().auth().oauth2(token).get("/api/sites/" + site + "/login-urls").then();
    }

    private static String[] adminClient(String site) {
        return adminClient(site, "admin-" + site);
    }

    private static String[] adminClient(String site, String clientId) {
        String secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_admin")))
                .put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(201)
                .extract().path("clientSecret");
        return new String[]{clientId, secret};
    }
}
