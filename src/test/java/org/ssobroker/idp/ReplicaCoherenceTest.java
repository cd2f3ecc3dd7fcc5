package org.ssobroker.idp;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.ssobroker.support.FakeIdp;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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

    @Test
    void aChangeMadeThroughAnotherReplicaIsSeenWithinFiveSeconds() throws Exception {
        String site = newSiteWithCatalogs();
        try (FakeIdp idp = FakeIdp.start()) {
            // A login start reads the IdP's discovery document: a reachable one.
            asPlatform().body(cognitoDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
            changeElsewhereAndSeeIt(site);
        }
    }

    private void changeElsewhereAndSeeIt(String site) throws Exception {
        String start = "/site/" + site + "/oauth2/authorization/cognito";
        given().redirects().follow(false).queryParam("redirect_uri", NEW_REDIRECT).get(start).then().statusCode(400);
        assertThat(directory.cached(site, "cognito")).isPresent();

        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update identity_provider set allowed_redirect_urls = cast(?1 as jsonb), "
                            + "display_name = 'Changed elsewhere' where site_key = ?2 and name_id = 'cognito'")
                    .setParameter(1, "[\"" + NEW_REDIRECT + "\"]").setParameter(2, site).executeUpdate();
            em.createNativeQuery("insert into idp_change (site_key, name_id, change) values (?1, 'cognito', 'UPDATED')")
                    .setParameter(1, site).executeUpdate();
        });

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (directory.cached(site, "cognito").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(directory.cached(site, "cognito")).as("dropped within 5 s").isEmpty();
        given().redirects().follow(false).queryParam("redirect_uri", NEW_REDIRECT).get(start).then().statusCode(303);
        assertThat(directory.find(site, "cognito").orElseThrow().displayName()).isEqualTo("Changed elsewhere");
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
