package org.ssobroker.idp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssobroker.support.TestApi;
import org.ssobroker.support.TestDb;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * A stored client secret never reaches a new endpoint: whoever points an IdP elsewhere must send
 * the secret again, by CI's PUT or by the wizard's edit mode; nothing changes otherwise.
 */
@QuarkusTest
class SecretFollowsEndpointsTest {

    String site;

    @BeforeEach
    void setUp() {
        site = newSiteWithCatalogs();
        asPlatform().body(manual()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"issuer", "authorizationUrl", "tokenUrl"})
    void aPutMovingAnEndpointWithoutTheSecretIsRefusedAndChangesNothing(String field) {
        String sealed = sealed();
        ObjectNode doc = manual();
        ((ObjectNode) doc.get("oidc")).remove("clientSecret");
        ((ObjectNode) doc.get("oidc")).put(field, "https://attacker.example/" + field);
        refused(asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then());
        asPlatform().get("/api/sites/" + site + "/idps/cognito").then()
                .body("oidc." + field, equalTo(manual().get("oidc").get(field).asText()));
        assertThat(sealed()).isEqualTo(sealed);

        ((ObjectNode) doc.get("oidc")).put("clientSecret", "the-secret-again");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200);
    }

    @Test
    void aConfigUrlChangeWithoutTheSecretIsRefusedToo() {
        ObjectNode doc = TestApi.cognitoDocument();
        ((ObjectNode) doc.get("oidc")).remove("clientSecret");
        refused(asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then());
    }

    @Test
    void otherChangesWithoutTheSecretKeepIt() {
        String sealed = sealed();
        ObjectNode doc = manual();
        ((ObjectNode) doc.get("oidc")).remove("clientSecret");
        doc.put("displayName", "Renamed");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200)
                .body("clientSecretSet", equalTo(true));
        assertThat(sealed()).isEqualTo(sealed);
    }

    @Test
    void theWizardsEditModeCannotMoveTheEndpointsWithoutTheSecret() {
        String draft = asPlatform().body(Map.of("fromIdp", "cognito")).post("/api/sites/" + site + "/idp-wizard")
                .then().statusCode(201).body("clientSecretSet", equalTo(true)).extract().path("id");
        String steps = "/api/sites/" + site + "/idp-wizard/" + draft + "/steps/details";
        asPlatform().body(Map.of("tokenUrl", "https://attacker.example/token")).put(steps).then().statusCode(200);
        refused(asPlatform().post("/api/sites/" + site + "/idp-wizard/" + draft + "/save").then());
        asPlatform().get("/api/sites/" + site + "/idps/cognito").then()
                .body("oidc.tokenUrl", equalTo("https://idp.example.com/token"));

        asPlatform().body(Map.of("clientSecret", "typed-again")).put(steps).then().statusCode(200);
        asPlatform().post("/api/sites/" + site + "/idp-wizard/" + draft + "/save").then().statusCode(200)
                .body("oidc.tokenUrl", equalTo("https://attacker.example/token"));
    }

    private static void refused(io.restassured.response.ValidatableResponse response) {
        response.statusCode(422).body("errors.field", hasItem("oidc.clientSecret"))
                .body("errors.find { it.field == 'oidc.clientSecret' }.message",
                        containsString("re-enter the client secret"));
    }

    private String sealed() {
        String sealed = TestDb.text("select client_secret_sealed from identity_provider where site_key = ?", site);
        assertThat(sealed).isNotNull();
        return sealed;
    }

    /** An IdP with its endpoints entered by hand (no config URL). */
    private static ObjectNode manual() {
        ObjectNode doc = TestApi.cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.remove("configUrl");
        oidc.put("type", "GENERIC");
        oidc.put("issuer", "https://idp.example.com");
        oidc.put("authorizationUrl", "https://idp.example.com/authorize");
        oidc.put("tokenUrl", "https://idp.example.com/token");
        oidc.put("jwksUri", "https://idp.example.com/jwks");
        return doc;
    }
}
