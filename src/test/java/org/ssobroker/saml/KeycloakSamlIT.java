package org.ssobroker.saml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.WebConnectionWrapper;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.TestApi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.ssobroker.support.TestApi.JSON;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.fixture;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * A real SAML IdP: Keycloak 26 with a SAML client made from the broker's SP metadata (signed
 * AuthnRequests, signed response and assertion, the assertion encrypted to the broker), and a
 * browser (HtmlUnit) signing in through it against the packaged broker. Keycloak's protocol mappers
 * release the user's email, email_verified, first name, an access right attribute and the group
 * list; the broker maps them to the access right and groups of the site.
 */
@QuarkusIntegrationTest
class KeycloakSamlIT {

    private static final String REALM = "acme";
    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = KeycloakServer.start();
        keycloak.createRealm(REALM);
        keycloak.createGroup(REALM, "OPS");
        keycloak.createGroup(REALM, "QA");
        keycloak.createUser(REALM, "john", "john-password", "john@encode.dk", "John",
                Map.of("accessRight", List.of("Agency")), List.of("OPS", "QA"));
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aBrowserSignsInThroughKeycloakAndTheAttributesMapToAccessRightAndGroups() throws Exception {
        String site = newSiteWithCatalogs();
        asPlatform().body(document(keycloak.samlDescriptor(REALM))).put("/api/sites/" + site + "/idps/keycloak")
                .then().statusCode(201)
                .body("saml.idpEntityId", equalTo(keycloak.base() + "/realms/" + REALM))
                .body("saml.ssoUrl", startsWith(keycloak.base() + "/realms/" + REALM + "/protocol/saml"));
        String spMetadata = given().get("/site/" + site + "/saml2/service-provider-metadata/keycloak").then()
                .statusCode(200).extract().asString();
        keycloak.createSamlClient(REALM, spMetadata, List.of(
                KeycloakServer.mapper("email", "saml-user-property-mapper", Map.of("user.attribute", "email",
                        "attribute.name", "email", "friendly.name", "email", "attribute.nameformat", "Basic")),
                KeycloakServer.mapper("email verified", "saml-user-property-mapper", Map.of("user.attribute",
                        "emailVerified", "attribute.name", "email_verified", "attribute.nameformat", "Basic")),
                KeycloakServer.mapper("first name", "saml-user-property-mapper", Map.of("user.attribute",
                        "firstName", "attribute.name", "urn:oid:2.5.4.42", "friendly.name", "givenName",
                        "attribute.nameformat", "URI Reference")),
                KeycloakServer.mapper("access right", "saml-user-attribute-mapper", Map.of("user.attribute",
                        "accessRight", "attribute.name", "accessRight", "attribute.nameformat", "Basic")),
                KeycloakServer.mapper("groups", "saml-group-membership-mapper", Map.of("attribute.name", "groups",
                        "single", "false", "full.path", "false", "attribute.nameformat", "Basic"))));

        String posted = signIn(site, "john", "john-password");
        // Keycloak followed the SP metadata: the assertion is encrypted to the broker, response and assertion signed.
        assertThat(posted).contains("EncryptedAssertion").contains("Signature");

        asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].login", equalTo("john@encode.dk"))
                .body("[0].email", equalTo("john@encode.dk"))
                .body("[0].firstName", equalTo("John"))
                .body("[0].accessRight", equalTo("Agency User"))
                .body("[0].groups", containsInAnyOrder("Operations", "Quality", "Everyone"));

        // A second sign-in finds the same user (the link is bound to Keycloak's persistent NameID).
        signIn(site, "john", "john-password");
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1));
    }

    /** @return the SAML Response Keycloak had the browser post to the broker (decoded) */
    private static String signIn(String site, String username, String password) throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setThrowExceptionOnScriptError(false);
            browser.getOptions().setCssEnabled(false);
            List<String> posted = new java.util.ArrayList<>();
            new WebConnectionWrapper(browser) {
                @Override
                public WebResponse getResponse(WebRequest request) throws java.io.IOException {
                    if (request.getUrl().getPath().endsWith("/login/saml2/sso/keycloak")) {
                        request.getRequestParameters().stream().filter(p -> p.getName().equals("SAMLResponse"))
                                .forEach(p -> posted.add(new String(Base64.getMimeDecoder().decode(p.getValue()),
                                        StandardCharsets.UTF_8)));
                    }
                    return super.getResponse(request);
                }
            };
            HtmlPage login = browser.getPage(TestApi.publicBase() + "/site/" + site + "/oauth2/authorization/keycloak");
            assertThat(login.getUrl().toString()).as(login.asNormalizedText()).startsWith(keycloak.base());
            login.getHtmlElementById("username").type(username);
            login.getHtmlElementById("password").type(password);
            login.getHtmlElementById("kc-login").click();
            browser.waitForBackgroundJavaScript(10_000);
            Page result = browser.getCurrentWindow().getEnclosedPage();
            String html = result.getWebResponse().getContentAsString();
            assertThat(result.getWebResponse().getStatusCode()).as(html).isEqualTo(200);
            assertThat(html).as(html).contains("id=\"signed-in\"").contains("john@encode.dk");
            assertThat(posted).hasSize(1);
            return posted.get(0);
        }
    }

    /** Keycloak's realm as a SAML IdP of the site: its metadata URL, attributes by Name and FriendlyName. */
    private static ObjectNode document(String metadataUrl) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("displayName", "Sign in with Keycloak (SAML)");
        doc.put("authMethod", "SAML");
        doc.putArray("emailDomains").add("encode.dk");
        doc.put("loginUrl", "main");
        ObjectNode saml = doc.putObject("saml");
        saml.put("metadataUrl", metadataUrl);
        saml.put("nameIdFormat", "persistent");
        ObjectNode first = doc.putArray("attributeMappings").addObject();
        first.put("claim", "givenName");
        first.put("field", "firstName");
        ObjectNode rights = doc.putObject("accessRightMapping");
        rights.put("claim", "accessRight");
        rights.put("document", fixture("access-rights-mapping.xml"));
        rights.put("keyNode", "ExternalSystemAccess");
        rights.put("valueNode", "EncodeAccessRight");
        ObjectNode groups = doc.putObject("groupMapping");
        groups.put("claim", "groups");
        groups.put("document", fixture("groups-mapping.xml"));
        groups.put("keyNode", "ExternalSystemAccess");
        groups.put("valueNode", "EncodeGroup");
        doc.putArray("defaultGroups").add("Everyone");
        return doc;
    }
}
