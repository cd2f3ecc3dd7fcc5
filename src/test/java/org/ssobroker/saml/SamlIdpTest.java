package org.ssobroker.saml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.TestApi;
import org.ssobroker.support.TestClock;
import org.ssobroker.support.TestDb;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * A SAML IdP as admins register it: the document (validation naming each field, the read-only
 * fields from the metadata, the SP URLs in answers), the SP metadata, a metadata URL fetched
 * through the outbound policy and refreshed so that a rotated certificate needs no edit, and the
 * wizard's details step.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamlIdpTest {

    @Inject
    TestClock clock;

    WireMockServer server;
    SamlTestIdp idp;
    String site;

    @BeforeEach
    void setUp() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
        }
        server.resetAll();
        idp = new SamlTestIdp();
        serveMetadata(idp.metadata());
        site = newSiteWithCatalogs();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void serveMetadata(String xml) {
        server.stubFor(get(urlEqualTo("/federationmetadata.xml")).willReturn(aResponse()
                .withHeader("Content-Type", "application/samlmetadata+xml").withBody(xml)));
    }

    private String metadataUrl() {
        return "http://127.0.0.1:" + server.port() + "/federationmetadata.xml";
    }

    private String idpPath() {
        return "/api/sites/" + site + "/idps/" + SamlFlows.NAME_ID;
    }

    @Test
    void uploadedMetadataFillsTheReadOnlyFieldsAndTheAnswerShowsWhatToGiveTheIdp() {
        ValidatableResponse created = asPlatform().body(SamlFlows.document(idp.metadata())).put(idpPath()).then()
                .statusCode(201)
                .body("authMethod", equalTo("SAML"))
                .body("oidc", nullValue())
                .body("callbackUrl", nullValue())
                .body("saml.idpEntityId", equalTo(SamlTestIdp.ENTITY_ID))
                .body("saml.ssoUrl", equalTo(SamlTestIdp.SSO_URL))
                .body("saml.signingCertificates", hasSize(1))
                .body("saml.nameIdFormat", equalTo("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"))
                .body("saml.externalUserIdAttribute", equalTo("NameID"))
                .body("saml.signAuthnRequest", equalTo(true))
                .body("saml.wantAssertionsSigned", equalTo(true))
                .body("saml.allowIdpInitiated", equalTo(false))
                .body("saml.forceAuthn", equalTo(false))
                .body("acsUrl", equalTo(SamlFlows.acsUrl(site)))
                .body("spEntityId", equalTo(SamlFlows.spEntityId(site)))
                .body("authorizationBaseUrl", equalTo(TestApi.publicBase() + "/site/" + site
                        + "/oauth2/authorization/" + SamlFlows.NAME_ID));
        // CI reads, and puts back what it read: unchanged.
        String read = asPlatform().get(idpPath()).then().statusCode(200).extract().asString();
        asPlatform().body(read).put(idpPath()).then().statusCode(200);
        assertThat(created.extract().path("updatedAt").toString())
                .isEqualTo(asPlatform().get(idpPath()).then().extract().path("updatedAt").toString());
        // Read-only: what the metadata says wins over what is sent.
        ObjectNode doc = SamlFlows.document(idp.metadata());
        ((ObjectNode) doc.get("saml")).put("idpEntityId", "https://evil.example.com").put("ssoUrl",
                "https://evil.example.com/sso").put("nameIdFormat", "persistent");
        asPlatform().body(doc).put(idpPath()).then().statusCode(200)
                .body("saml.idpEntityId", equalTo(SamlTestIdp.ENTITY_ID))
                .body("saml.ssoUrl", equalTo(SamlTestIdp.SSO_URL))
                .body("saml.nameIdFormat", equalTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"));
    }

    @Test
    void validationNamesEachInvalidField() {
        ObjectNode doc = SamlFlows.document(idp.metadata());
        doc.remove("saml");
        invalid(doc, "saml", "is required for the SAML authentication method");

        doc = SamlFlows.document(idp.metadata());
        ((ObjectNode) doc.get("saml")).remove("metadataXml");
        invalid(doc, "saml.metadataUrl", "one of metadataUrl or metadataXml");

        doc = SamlFlows.document(idp.metadata());
        ((ObjectNode) doc.get("saml")).put("metadataXml", "<md:EntityDescriptor");
        invalid(doc, "saml.metadataXml", "not well-formed XML");

        doc = SamlFlows.document(idp.metadata());
        ((ObjectNode) doc.get("saml")).put("metadataXml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + idp.metadata());
        invalid(doc, "saml.metadataXml", "DOCTYPE");

        doc = SamlFlows.document(idp.metadata().replace("HTTP-Redirect", "SOAP"));
        invalid(doc, "saml.metadataXml", "no SingleSignOnService with the HTTP-Redirect binding");

        doc = SamlFlows.document(idp.metadata().replaceAll("<md:KeyDescriptor.*?</md:KeyDescriptor>", ""));
        invalid(doc, "saml.metadataXml", "names no signing certificate");

        doc = SamlFlows.document(idp.metadata());
        ((ObjectNode) doc.get("saml")).put("nameIdFormat", "whatever");
        invalid(doc, "saml.nameIdFormat", "must be one of");

        doc = SamlFlows.document(idp.metadata());
        doc.putObject("groupOverage").put("onGroupFetchFailure", "refuse");
        invalid(doc, "groupOverage", "needs the oidc settings");

        doc = SamlFlows.document(idp.metadata());
        doc.put("authMethod", "LDAP");
        invalid(doc, "authMethod", "must be OIDC or SAML");
    }

    private void invalid(ObjectNode doc, String field, String message) {
        asPlatform().body(doc).put(idpPath()).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    @Test
    void theSpMetadataNamesTheAcsAndTheSpCertificates() {
        asPlatform().body(SamlFlows.document(idp.metadata())).put(idpPath()).then().statusCode(201);
        String xml = given().get("/site/" + site + "/saml2/service-provider-metadata/" + SamlFlows.NAME_ID).then()
                .statusCode(200).contentType("application/samlmetadata+xml").extract().asString();
        Element entity = SamlTestIdp.parse(xml).getDocumentElement();
        assertThat(entity.getAttribute("entityID")).isEqualTo(SamlFlows.spEntityId(site));
        Element sp = SamlTestIdp.child(entity, "SPSSODescriptor");
        assertThat(sp.getAttribute("AuthnRequestsSigned")).isEqualTo("true");
        assertThat(sp.getAttribute("WantAssertionsSigned")).isEqualTo("true");
        Element acs = SamlTestIdp.child(sp, "AssertionConsumerService");
        assertThat(acs.getAttribute("Location")).isEqualTo(SamlFlows.acsUrl(site));
        assertThat(acs.getAttribute("Binding")).isEqualTo("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
        var signing = SamlFlows.spCertificate(site, "signing");
        var encryption = SamlFlows.spCertificate(site, "encryption");
        assertThat(signing).isNotEqualTo(encryption);
        // Made once, stored with the private keys sealed (AES-GCM), the same on every later call.
        assertThat(SamlFlows.spCertificate(site, "signing")).isEqualTo(signing);
        String sealed = TestDb.text("select k.signing_key_sealed from saml_sp_key k join identity_provider i "
                + "on i.id = k.idp_id where i.site_key = ?", site);
        assertThat(sealed).doesNotStartWith("MII");

        asPlatform().body(TestApi.cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        given().get("/site/" + site + "/saml2/service-provider-metadata/cognito").then().statusCode(404);
        // A SAML IdP has no code-flow callback.
        assertThat(given().redirects().follow(false).get("/site/" + site + "/login/oauth2/code/" + SamlFlows.NAME_ID)
                .statusCode()).isLessThan(500);
    }

    @Test
    void aMetadataUrlIsFetchedAtSaveThroughTheOutboundPolicy() {
        ObjectNode doc = SamlFlows.document(idp.metadata());
        ObjectNode saml = (ObjectNode) doc.get("saml");
        saml.remove("metadataXml");
        saml.put("metadataUrl", metadataUrl());
        asPlatform().body(doc).put(idpPath()).then().statusCode(201)
                .body("saml.metadataUrl", equalTo(metadataUrl()))
                .body("saml.idpEntityId", equalTo(SamlTestIdp.ENTITY_ID))
                .body("saml.signingCertificates", hasSize(1));

        saml.put("metadataUrl", "http://127.0.0.1:" + server.port() + "/missing.xml");
        invalid(doc, "saml.metadataUrl", "answered HTTP 404");
        server.stubFor(get(urlEqualTo("/moved.xml")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", metadataUrl())));
        saml.put("metadataUrl", "http://127.0.0.1:" + server.port() + "/moved.xml");
        invalid(doc, "saml.metadataUrl", "redirects are not followed");
        saml.put("metadataUrl", "http://169.254.169.254/latest/meta-data");
        invalid(doc, "saml.metadataUrl", "metadata");
    }

    @Test
    void aRotatedIdpCertificateNeedsNoEdit() {
        ObjectNode doc = SamlFlows.document(idp.metadata());
        ObjectNode saml = (ObjectNode) doc.get("saml");
        saml.remove("metadataXml");
        saml.put("metadataUrl", metadataUrl());
        asPlatform().body(doc).put(idpPath()).then().statusCode(201);
        String before = asPlatform().get(idpPath()).then().extract().path("saml.signingCertificates[0]");

        // The IdP rolls over to a new key: its metadata names only the new certificate.
        int rotated = idp.addKey();
        serveMetadata(idp.metadata(rotated));
        SamlFlows.Start start = SamlFlows.start(site, null);
        var response = SamlFlows.post(start, SamlFlows.user(idp.response(start.requestId(), SamlFlows.acsUrl(site),
                SamlFlows.spEntityId(site)), "john@encode.dk", "Agency", "OPS").signWith(rotated).build());
        assertThat(response.statusCode()).isEqualTo(200);
        String after = asPlatform().get(idpPath()).then().extract().path("saml.signingCertificates[0]");
        assertThat(after).isNotEqualTo(before);

        // And on a schedule: a copy older than the refresh interval is fetched again at the next login.
        int third = idp.addKey();
        serveMetadata(idp.metadata(third));
        clock.advance(Duration.ofMinutes(61));
        SamlFlows.start(site, null);
        assertThat(asPlatform().get(idpPath()).then().extract().path("saml.signingCertificates[0]").toString())
                .isNotEqualTo(after);
    }

    @Test
    void theWizardTakesTheSamlObjectAtTheDetailsStep() throws Exception {
        String draft = asPlatform().body(Map.of()).post("/api/sites/" + site + "/idp-wizard").then().statusCode(201)
                .extract().path("id");
        String wizard = "/api/sites/" + site + "/idp-wizard/" + draft;
        asPlatform().body(Map.of("nameId", SamlFlows.NAME_ID, "displayName", "Sign in with ADFS", "authMethod", "SAML",
                "trustUnverifiedEmail", true)).put(wizard + "/steps/basics").then().statusCode(200);
        asPlatform().body(Map.of("loginUrl", "main")).put(wizard + "/steps/login-url").then().statusCode(200);
        asPlatform().body(Map.of("metadataUrl", metadataUrl(), "nameIdFormat", "persistent"))
                .put(wizard + "/steps/details").then().statusCode(200)
                .body("metadataUrl", equalTo(metadataUrl()))
                .body("nameIdFormat", equalTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"))
                .body("acsUrl", equalTo(SamlFlows.acsUrl(site)))
                .body("spEntityId", equalTo(SamlFlows.spEntityId(site)))
                .body("readOnly", contains("idpEntityId", "ssoUrl", "signingCertificates"))
                .body("idpEntityId", nullValue());
        asPlatform().post(wizard + "/discover").then().statusCode(200)
                .body("idpEntityId", equalTo(SamlTestIdp.ENTITY_ID))
                .body("ssoUrl", equalTo(SamlTestIdp.SSO_URL))
                .body("signingCertificates", hasSize(1));
        asPlatform().body(Map.of("idpEntityId", "https://evil.example.com")).put(wizard + "/steps/details").then()
                .statusCode(422).body("errors[0].field", equalTo("saml.idpEntityId"))
                .body("errors[0].message", containsString("read-only"));

        // An upload of the IdP's metadata file fills them too (and replaces the URL).
        SamlTestIdp other = new SamlTestIdp("https://adfs.example.com/adfs/services/trust");
        Path file = Files.createTempFile("metadata", ".xml");
        Files.writeString(file, other.metadata());
        given().header("Authorization", "Bearer " + TestApi.platformToken()).multiPart("file", file.toFile())
                .put(wizard + "/steps/details").then().statusCode(200)
                .body("metadataUrl", nullValue())
                .body("idpEntityId", equalTo("https://adfs.example.com/adfs/services/trust"));
        asPlatform().post(wizard + "/save").then().statusCode(201)
                .body("saml.idpEntityId", equalTo("https://adfs.example.com/adfs/services/trust"))
                .body("saml.nameIdFormat", equalTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"))
                .body("acsUrl", equalTo(SamlFlows.acsUrl(site)))
                .body("warnings", hasItems());
    }

    @Test
    void aSamlIdpHasNoIdTokensToExchange() {
        asPlatform().body(SamlFlows.document(idp.metadata())).put(idpPath()).then().statusCode(201);
        String secret = TestApi.newClientApp(site, site + "-app",
                List.of("site_" + site + "_provisionByOpenIdToken_" + SamlFlows.NAME_ID), List.of("client_credentials"));
        String token = TestApi.token(site + "-app", secret);
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("openIdToken", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .post("/rest/external/site/" + site + "/idp/" + SamlFlows.NAME_ID + "/provisionByOpenIdToken")
                .then().statusCode(401).body("error", equalTo("invalid_token"))
                .body("error_description", containsString("over SAML"));
    }
}
