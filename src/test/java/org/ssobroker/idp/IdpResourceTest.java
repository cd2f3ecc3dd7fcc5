package org.ssobroker.idp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.SecretBox;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

@QuarkusTest
class IdpResourceTest {

    private static final String SECRET = "cognito-client-secret-value";

    @Inject
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Test
    void createsAnIdpFromTheWholeDocumentAndAnswersTheReadOnlyFields() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201)
                .body("nameId", equalTo("cognito"))
                .body("displayName", equalTo("Sign in with Cognito"))
                .body("emailDomains", contains("encode.dk", "microsoft.com"))
                .body("oidc.type", equalTo("COGNITO"))
                .body("oidc.scopes", contains("openid", "email"))
                .body("callbackUrl", equalTo(org.ssobroker.support.TestApi.publicBase() + "/site/" + site + "/login/oauth2/code/cognito"))
                .body("authorizationBaseUrl",
                        equalTo(org.ssobroker.support.TestApi.publicBase() + "/site/" + site + "/oauth2/authorization/cognito"))
                .body("clientSecretSet", equalTo(true))
                .body("warnings", empty())
                .body("accessRightMapping.nodes", contains("ExternalSystemAccess", "EncodeAccessRight"))
                .body("accessRightMapping.table.find { it.key == 'Agency' }.values", contains("Agency User"))
                .body("groupMapping.table.find { it.key == 'Local Company' }.values",
                        contains("Argentina", "Chile", "Bolivia"))
                .body("groupMapping.table.find { it.key == 'QA' }.values", contains("Quality", "Operations"))
                .body("defaultUserProperties.attributes.division", equalTo("Managers"))
                .body("welcome.emailSubject", equalTo("Welcome to ${site.name}"));
    }

    @Test
    void theClientSecretIsNeverAnsweredAndIsStoredEncrypted() {
        String site = newSiteWithCatalogs();
        String created = asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201).extract().asString();
        String got = asPlatform().get("/api/sites/" + site + "/idps/cognito").then().statusCode(200)
                .body("oidc", not(hasKey("clientSecret"))).extract().asString();
        String listed = asPlatform().get("/api/sites/" + site + "/idps").then().statusCode(200)
                .extract().asString();
        assertThat(List.of(created, got, listed)).allSatisfy(answer -> assertThat(answer).doesNotContain(SECRET));

        String sealed = sealedSecret(site, "cognito");
        assertThat(sealed).startsWith("v1:").doesNotContain(SECRET);
        assertThat(secretBox.open(sealed, "idp:" + site + ":cognito")).isEqualTo(SECRET);
    }

    @Test
    void putWithoutClientSecretKeepsTheStoredOneAndANewSecretReplacesIt() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);

        ObjectNode withoutSecret = cognitoDocument();
        ((ObjectNode) withoutSecret.get("oidc")).remove("clientSecret");
        withoutSecret.put("displayName", "Cognito (renamed)");
        asPlatform().body(withoutSecret).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(200).body("displayName", equalTo("Cognito (renamed)"))
                .body("clientSecretSet", equalTo(true));
        assertThat(secretBox.open(sealedSecret(site, "cognito"), "idp:" + site + ":cognito")).isEqualTo(SECRET);

        ObjectNode newSecret = cognitoDocument();
        ((ObjectNode) newSecret.get("oidc")).put("clientSecret", "rotated-secret");
        asPlatform().body(newSecret).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200);
        assertThat(secretBox.open(sealedSecret(site, "cognito"), "idp:" + site + ":cognito"))
                .isEqualTo("rotated-secret");
    }

    @Test
    void puttingBackWhatGetReturnedChangesNothing() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        String before = asPlatform().get("/api/sites/" + site + "/idps/cognito").then().extract().asString();
        long versionBefore = version(site, "cognito");

        asPlatform().body(before).put("/api/sites/" + site + "/idps/cognito").then().statusCode(200);

        String after = asPlatform().get("/api/sites/" + site + "/idps/cognito").then().extract().asString();
        assertThat(JsonPath.from(after).getMap("")).isEqualTo(JsonPath.from(before).getMap(""));
        assertThat(version(site, "cognito")).isEqualTo(versionBefore);
    }

    @Test
    void acceptsScopesAndEmailDomainsAsTypedByAdmins() {
        String site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ((ObjectNode) doc.get("oidc")).put("scopes", "openid, email profile");
        doc.put("emailDomains", "Encode.dk, microsoft.com");
        ((ObjectNode) doc.get("oidc")).remove("externalUserIdAttribute");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201)
                .body("oidc.scopes", contains("openid", "email", "profile"))
                .body("emailDomains", contains("encode.dk", "microsoft.com"))
                .body("oidc.externalUserIdAttribute", equalTo("email"));
    }

    @Test
    void manualEndpointsReplaceTheConfigUrl() {
        String site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.putNull("configUrl");
        oidc.put("issuer", "https://idp.example.com");
        oidc.put("jwksUri", "https://idp.example.com/jwks");
        oidc.put("authorizationUrl", "https://idp.example.com/authorize");
        oidc.put("tokenUrl", "https://idp.example.com/token");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/manual")
                .then().statusCode(201)
                .body("oidc.configUrl", equalTo(null))
                .body("oidc.jwksUri", equalTo("https://idp.example.com/jwks"));
    }

    @Test
    void listsGetsAndDeletesIdps() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        ObjectNode second = cognitoDocument();
        second.put("displayName", "Okta");
        asPlatform().body(second).put("/api/sites/" + site + "/idps/okta").then().statusCode(201);

        asPlatform().get("/api/sites/" + site + "/idps").then().statusCode(200)
                .body("nameId", contains("cognito", "okta"));
        asPlatform().delete("/api/sites/" + site + "/idps/okta").then().statusCode(204);
        asPlatform().get("/api/sites/" + site + "/idps/okta").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("okta"));
        asPlatform().delete("/api/sites/" + site + "/idps/okta").then().statusCode(404);
        asPlatform().get("/api/sites/" + site + "/idps").then().body("nameId", contains("cognito"));
    }

    @Test
    void catalogEntriesAndLoginUrlsInUseCannotBeDeleted() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);

        asPlatform().delete("/api/sites/" + site + "/access-rights/Agency User").then().statusCode(409)
                .body("detail", containsString("cognito"));
        asPlatform().delete("/api/sites/" + site + "/groups/Everyone").then().statusCode(409);
        asPlatform().delete("/api/sites/" + site + "/login-urls/main").then().statusCode(409);
        asPlatform().get("/api/sites/" + site + "/groups").then().body("name", hasItem("Everyone"));
    }

    @Test
    void aPublicClientWithoutSecretIsAllowedWithAWarning() {
        String site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ((ObjectNode) doc.get("oidc")).remove("clientSecret");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/public")
                .then().statusCode(201)
                .body("clientSecretSet", equalTo(false))
                .body("warnings", hasItem(containsString("no client secret")));
    }

    @Test
    void unknownPlaceholdersInWelcomeTemplatesAreWarnings() {
        String site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ((ObjectNode) doc.get("welcome")).put("emailTemplate", "<p>Hi ${user.nickname}</p>");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201)
                .body("warnings", hasItem(containsString("${user.nickname}")));
    }

    @Test
    void anIdpOfAnUnknownSiteIsNotFound() {
        asPlatform().body(cognitoDocument()).put("/api/sites/no-such-site/idps/cognito").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/sites/no-such-site/idps").then().statusCode(401);
        asPlatform().body(Map.of()).get("/api/sites/no-such-site/idps").then().statusCode(404);
    }

    @Transactional
    String sealedSecret(String site, String nameId) {
        return (String) em.createNativeQuery(
                        "select client_secret_sealed from identity_provider where site_key = ?1 and name_id = ?2")
                .setParameter(1, site).setParameter(2, nameId).getSingleResult();
    }

    @Transactional
    long version(String site, String nameId) {
        return ((Number) em.createNativeQuery(
                        "select version from identity_provider where site_key = ?1 and name_id = ?2")
                .setParameter(1, site).setParameter(2, nameId).getSingleResult()).longValue();
    }
}
