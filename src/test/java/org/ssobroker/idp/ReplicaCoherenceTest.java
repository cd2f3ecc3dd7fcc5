package org.ssobroker.idp;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.ssobroker.support.FakeIdp;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.ssobroker.support.TestClock;
import org.ssobroker.support.TestDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * Another replica changes an IdP: here that is simulated by changing the database underneath
 * this running instance, exactly as the other replica's transaction would (row + change feed).
 */
@QuarkusTest
class ReplicaCoherenceTest {

    static final String NEW_REDIRECT = "https://new-app.example.com/after-login";

    @Inject
    IdpDirectory directory;

    @Inject
    EntityManager em;

    @Inject
    TestClock clock;

    @Test
    void aChangeMadeThroughAnotherReplicaIsSeenWithinFiveSeconds() throws Exception {
        String site = newSiteWithCatalogs();
        try (FakeIdp idp = FakeIdp.start()) {
            // A login start reads the IdP's discovery document: a reachable one.
            asPlatform().body(cognitoDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
            changeElsewhereAndSeeIt(site);
        }
    }

    private void changeElsewhereAndSeeIt(String site) {
        String start = "/site/" + site + "/oauth2/authorization/cognito";
        given().redirects().follow(false).queryParam("redirect_uri", NEW_REDIRECT).get(start).then().statusCode(400);
        assertThat(directory.cached(site, "cognito")).isPresent();

        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update identity_provider set allowed_redirect_urls = cast(?1 as jsonb), "
                            + "display_name = 'Changed elsewhere' where site_key = ?2 and name_id = 'cognito'")
                    .setParameter(1, "[\"" + NEW_REDIRECT + "\"]").setParameter(2, site).executeUpdate();
            em.createNativeQuery("insert into change_feed (site_key, name, change) values (?1, 'cognito', 'UPDATED')")
                    .setParameter(1, site).executeUpdate();
        });

        awaitDropped(site, "cognito");
        given().redirects().follow(false).queryParam("redirect_uri", NEW_REDIRECT).get(start).then().statusCode(303);
        assertThat(directory.find(site, "cognito").orElseThrow().displayName()).isEqualTo("Changed elsewhere");
    }

    /**
     * Two replicas' transactions: A takes the lower seq but commits after B. A feed that reads
     * {@code seq > lastSeen} skips A for good; this one reads by transaction visibility.
     */
    @Test
    void aChangeCommittedOutOfSeqOrderIsStillSeen() throws Exception {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/second").then().statusCode(201);
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/sentinel").then().statusCode(201);
        // The feed has fired the creations once its sentinel change is through; cache after that.
        directory.find(site, "sentinel");
        try (Connection connection = TestDb.connection()) {
            insertChange(connection, site, "sentinel");
        }
        awaitDropped(site, "sentinel");
        directory.find(site, "cognito");
        directory.find(site, "second");
        try (Connection slow = TestDb.connection(); Connection fast = TestDb.connection()) {
            slow.setAutoCommit(false);
            insertChange(slow, site, "cognito");
            insertChange(fast, site, "second");
            awaitDropped(site, "second");
            assertThat(directory.cached(site, "cognito")).as("not committed yet").isPresent();
            slow.commit();
            awaitDropped(site, "cognito");
        }
    }

    private static void insertChange(Connection connection, String site, String nameId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into change_feed (site_key, name, change) values (?, ?, 'UPDATED')")) {
            insert.setString(1, site);
            insert.setString(2, nameId);
            insert.executeUpdate();
        }
    }

    /** The change feed's poller (another thread) drops the cached IdP within 5 s. */
    private void awaitDropped(String site, String nameId) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(directory.cached(site, nameId)).as(nameId + " dropped within 5 s").isEmpty());
    }

    /** A change the feed never delivered (say, rows pruned while a replica was cut off) heals within the max age. */
    @Test
    void aSnapshotOlderThanItsMaxAgeIsReadAgain() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        assertThat(directory.find(site, "cognito")).isPresent();
        TestDb.update("update identity_provider set display_name = 'Changed without a feed row' where site_key = ?",
                site);
        assertThat(directory.find(site, "cognito").orElseThrow().displayName()).isNotEqualTo("Changed without a feed row");
        clock.advance(Duration.ofMinutes(6));
        try {
            assertThat(directory.find(site, "cognito").orElseThrow().displayName())
                    .isEqualTo("Changed without a feed row");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aSiteRenameReachesTheIdpSnapshots() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        assertThat(directory.find(site, "cognito").orElseThrow().siteName()).isNotEqualTo("Renamed Corp");
        asPlatform().body(Map.of("name", "Renamed Corp")).put("/api/sites/" + site).then().statusCode(200);
        assertThat(directory.find(site, "cognito").orElseThrow().siteName()).isEqualTo("Renamed Corp");
    }

    @Test
    void deletingASiteDropsItsIdpsFromTheCaches() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        assertThat(directory.find(site, "cognito")).isPresent();
        asPlatform().delete("/api/sites/" + site).then().statusCode(204);
        assertThat(directory.cached(site, "cognito")).isEmpty();
        given().redirects().follow(false).get("/site/" + site + "/oauth2/authorization/cognito").then().statusCode(404);
        asPlatform().body(Map.of("name", "again")).put("/api/sites/" + site).then().statusCode(201);
    }
}
