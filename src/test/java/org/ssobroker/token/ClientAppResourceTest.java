package org.ssobroker.token;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSite;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.token;

@QuarkusTest
class ClientAppResourceTest {

    @Inject
    EntityManager em;

    @Test
    void theSecretIsShownOnceAndStoredOnlyAsAHash() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        String scope = "site_" + site + "_provisionByOpenIdToken_cognito";
        String clientId = "plugin-" + site;
        String secret = asPlatform()
                .body(Map.of("scopes", List.of(scope), "grantTypes", List.of("client_credentials", "refresh_token"),
                        "redirectUris", List.of()))
                .put("/api/sites/" + site + "/client-apps/" + clientId)
                .then().statusCode(201)
                .body("clientId", equalTo(clientId))
                .body("scopes", contains(scope))
                .body("grantTypes", contains("client_credentials", "refresh_token"))
                .extract().path("clientSecret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        asPlatform().get("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(200)
                .body("$", not(hasKey("clientSecret")));
        asPlatform().get("/api/sites/" + site + "/client-apps").then().statusCode(200)
                .body("clientId", contains(clientId));
        String stored = storedHash(clientId);
        assertThat(stored).startsWith("sha256:").doesNotContain(secret);

        assertThat(token(clientId, secret)).isNotBlank();
    }

    @Test
    void updatingKeepsTheSecretAndRotationReplacesIt() {
        String site = newSite();
        String clientId = "app-" + site;
        String secret = asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi")))
                .put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(201)
                .body("grantTypes", contains("client_credentials"))
                .extract().path("clientSecret");
        asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi", "site_" + site + "_admin")))
                .put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(200)
                .body("$", not(hasKey("clientSecret")))
                .body("scopes", contains("site_" + site + "_internalApi", "site_" + site + "_admin"));
        assertThat(token(clientId, secret)).isNotBlank();
        String read = asPlatform().get("/api/sites/" + site + "/client-apps/" + clientId).then().extract().asString();
        asPlatform().body(read).put("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(200)
                .body("updatedAt", equalTo(io.restassured.path.json.JsonPath.from(read).getString("updatedAt")));

        String rotated = asPlatform().post("/api/sites/" + site + "/client-apps/" + clientId + "/secret")
                .then().statusCode(200).extract().path("clientSecret");
        assertThat(rotated).isNotEqualTo(secret);
        assertThat(token(clientId, rotated)).isNotBlank();
        io.restassured.RestAssured.given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(401);

        asPlatform().delete("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(204);
        asPlatform().get("/api/sites/" + site + "/client-apps/" + clientId).then().statusCode(404);
    }

    /** The broker fetches a client's jwksUri: it passes the outbound policy at save, metadata addresses never. */
    @Test
    void aJwksUriPointingInsideTheNetworkIsRefusedAndNothingStored() {
        String site = newSite();
        for (String uri : List.of("https://169.254.169.254/latest/meta-data/jwks", "https://[fd00:ec2::254]/jwks",
                "ftp://keys.example.com/jwks")) {
            asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi"),
                            "grantTypes", List.of("authorization_code"),
                            "redirectUris", List.of("https://app.example.com/cb"),
                            "userinfoResponse", "signedAndEncryptedJwt", "jwksUri", uri))
                    .put("/api/sites/" + site + "/client-apps/enc-" + site).then().statusCode(422)
                    .body("errors.field", org.hamcrest.Matchers.hasItem("jwksUri"));
        }
        asPlatform().get("/api/sites/" + site + "/client-apps").then().body("size()", equalTo(0));
    }

    @Test
    void aSiteMayGrantOnlyItsOwnScopesForItsOwnIdps() {
        String site = newSite();
        asPlatform().body(Map.of("scopes", List.of("site_other_admin", "platform_admin",
                        "site_" + site + "_provisionByOpenIdToken_nope")))
                .put("/api/sites/" + site + "/client-apps/greedy-" + site)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", contains("scopes[0]", "scopes[1]", "scopes[2]"))
                .body("errors[2].message", containsString("no IdP 'nope'"));
        asPlatform().get("/api/sites/" + site + "/client-apps/greedy-" + site).then().statusCode(404);
    }

    @Test
    void refusesBadGrantTypesRedirectUrisAndIds() {
        String site = newSite();
        asPlatform().body(Map.of()).put("/api/sites/" + site + "/client-apps/empty").then().statusCode(422)
                .body("errors[0].field", equalTo("scopes"));
        asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi"), "grantTypes", List.of("password")))
                .put("/api/sites/" + site + "/client-apps/pw").then().statusCode(422)
                .body("errors[0].field", equalTo("grantTypes[0]"));
        asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi"),
                        "grantTypes", List.of("authorization_code")))
                .put("/api/sites/" + site + "/client-apps/code").then().statusCode(422)
                .body("errors[0].field", equalTo("redirectUris"));
        asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi"),
                        "redirectUris", List.of("http://app.example.com/cb")))
                .put("/api/sites/" + site + "/client-apps/http").then().statusCode(422)
                .body("errors[0].field", equalTo("redirectUris[0]"));
        asPlatform().body(Map.of("scopes", List.of("site_" + site + "_internalApi")))
                .put("/api/sites/" + site + "/client-apps/bad id!").then().statusCode(422)
                .body("errors[0].field", equalTo("clientId"));
    }

    @Test
    void aClientIdIsUniqueAcrossSites() {
        String siteA = newSite();
        String siteB = newSite();
        String clientId = "shared-" + siteA;
        asPlatform().body(Map.of("scopes", List.of("site_" + siteA + "_internalApi")))
                .put("/api/sites/" + siteA + "/client-apps/" + clientId).then().statusCode(201);
        asPlatform().body(Map.of("scopes", List.of("site_" + siteB + "_internalApi")))
                .put("/api/sites/" + siteB + "/client-apps/" + clientId).then().statusCode(409);
        asPlatform().get("/api/sites/" + siteB + "/client-apps/" + clientId).then().statusCode(404);
        asPlatform().body(Map.of("scopes", List.of("site_" + siteB + "_internalApi")))
                .put("/api/sites/" + siteB + "/client-apps/platform-admin").then().statusCode(409);
    }

    @Transactional
    String storedHash(String clientId) {
        return (String) em.createNativeQuery("select secret_hash from client_app where client_id = ?1")
                .setParameter(1, clientId).getSingleResult();
    }
}
