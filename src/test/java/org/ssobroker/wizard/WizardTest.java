package org.ssobroker.wizard;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ssobroker.support.TestApi;
import org.ssobroker.support.TestClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.fixture;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** The wizard over REST, against discovery documents shaped like Cognito's, Entra's, Google's and Keycloak's. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WizardTest {

    @Inject
    EntityManager em;

    @Inject
    TestClock clock;

    WireMockServer idps;
    String site;

    @BeforeEach
    void setUp() {
        if (idps == null) {
            idps = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            idps.start();
            stubDiscovery("/realms/acme", "userinfo_endpoint", "/realms/acme/protocol/openid-connect/userinfo");
            stubDiscovery("/us-east-2_AbC", "userinfo_endpoint", "/oauth2/userInfo");
            stubDiscovery("/tenant-1/v2.0", "userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo");
            stubDiscovery("/google", "userinfo_endpoint", "/v1/userinfo");
            idps.stubFor(get(urlEqualTo("/status/.well-known/openid-configuration"))
                    .willReturn(aResponse().withStatus(404).withBody("not here")));
            idps.stubFor(get(urlEqualTo("/html/.well-known/openid-configuration"))
                    .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>login</html>")));
            idps.stubFor(get(urlEqualTo("/slow/.well-known/openid-configuration"))
                    .willReturn(aResponse().withFixedDelay(2500).withBody("{}")));
            idps.stubFor(get(urlEqualTo("/nojwks/.well-known/openid-configuration")).willReturn(aResponse()
                    .withBody("{\"issuer\":\"" + base() + "/nojwks\",\"authorization_endpoint\":\"" + base()
                            + "/a\",\"token_endpoint\":\"" + base() + "/t\"}")));
            idps.stubFor(get(urlEqualTo("/other/.well-known/openid-configuration")).willReturn(aResponse()
                    .withBody(discoveryJson(base() + "/someone-else", Map.of()))));
            // Three things wrong at once: no token endpoint, another issuer, a userinfo URL inside the cloud.
            idps.stubFor(get(urlEqualTo("/broken/.well-known/openid-configuration")).willReturn(aResponse()
                    .withBody("{\"issuer\":\"" + base() + "/elsewhere\",\"authorization_endpoint\":\"" + base()
                            + "/a\",\"jwks_uri\":\"" + base() + "/j\","
                            + "\"userinfo_endpoint\":\"http://169.254.169.254/latest/meta-data\"}")));
        }
        site = newSiteWithCatalogs();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stop() {
        if (idps != null) {
            idps.stop();
        }
    }

    @Test
    void discoveryNamesEveryProblemOfTheDocumentAtOnce() {
        String draft = newDraft();
        step(draft, "details", Map.of("configUrl", base() + "/broken/.well-known/openid-configuration",
                "clientId", "c")).statusCode(200);
        asPlatform().post(wizard(draft) + "/discover").then().statusCode(422)
                .body("errors.field", contains("oidc.configUrl", "oidc.configUrl", "oidc.configUrl"))
                .body("errors[0].message", containsString("required field token_endpoint"))
                .body("errors[1].message", containsString("does not match"))
                .body("errors[2].message", containsString("userinfo_endpoint is refused"));
        asPlatform().get(wizard(draft) + "/steps/details").then().body("issuer", equalTo(null));
    }

    @Test
    void aFullWalkMakesTheSameIdpAsCisPutOfTheSameContent() {
        String draft = newDraft();
        step(draft, "basics", Map.of("nameId", "keycloak", "displayName", "Sign in with Keycloak",
                "authMethod", "OIDC", "emailDomains", "encode.dk, microsoft.com")).statusCode(200)
                .body("emailDomains", contains("encode.dk", "microsoft.com"));
        step(draft, "login-url", Map.of("loginUrl", "main", "hideLoginButton", false,
                "allowedRedirectUrls", List.of("https://app.example.com/after-login"))).statusCode(200);
        step(draft, "details", Map.of("type", "KEYCLOAK", "baseUrl", base(), "realm", "acme",
                "clientId", "broker", "clientSecret", "s3cret")).statusCode(200)
                .body("configUrl", equalTo(base() + "/realms/acme/.well-known/openid-configuration"))
                .body("scopes", contains("openid", "email", "profile"))
                .body("clientSecretSet", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("clientSecret")))
                .body("callbackUrl", equalTo(org.ssobroker.support.TestApi.publicBase() + "/site/" + site + "/login/oauth2/code/keycloak"))
                .body("authorizationBaseUrl",
                        equalTo(org.ssobroker.support.TestApi.publicBase() + "/site/" + site + "/oauth2/authorization/keycloak"));
        asPlatform().post(wizard(draft) + "/discover").then().statusCode(200)
                .body("issuer", equalTo(base() + "/realms/acme"))
                .body("jwksUri", equalTo(base() + "/realms/acme/jwks"))
                .body("userInfoUrl", equalTo(base() + "/realms/acme/protocol/openid-connect/userinfo"))
                .body("readOnly", hasItem("issuer"));
        step(draft, "attributes", Map.of("attributeMappings", List.of(Map.of("claim", "given_name",
                "field", "firstName")))).statusCode(200);
        step(draft, "access-rights", Map.of("claim", "custom:access_Right_AWS",
                "document", fixture("access-rights-mapping.xml"), "keyNode", "ExternalSystemAccess",
                "valueNode", "EncodeAccessRight")).statusCode(200)
                .body("table.find { it.key == 'Agency' }.values", contains("Agency User"));
        step(draft, "groups", Map.of("claim", "cognito:groups", "document", fixture("groups-mapping.xml"),
                "keyNode", "ExternalSystemAccess", "valueNode", "EncodeGroup")).statusCode(200)
                .body("table.find { it.key == 'QA' }.values", contains("Quality", "Operations"));
        step(draft, "default-properties", Map.of("accessRight", "Viewer", "language", "en",
                "attributes", Map.of("division", "Managers"))).statusCode(200);
        step(draft, "default-groups", Map.of("defaultGroups", List.of("Everyone"))).statusCode(200);
        step(draft, "welcome", Map.of("emailEnabled", true, "emailSubject", "Welcome to ${site.name}",
                "emailTemplate", "<p>Hello ${user.name}</p>", "messageEnabled", false)).statusCode(200);

        Map<String, Object> saved = asPlatform().post(wizard(draft) + "/save").then().statusCode(201)
                .extract().as(Map.class);
        asPlatform().get(wizard(draft)).then().statusCode(404);

        String ciSite = newSiteWithCatalogs();
        Map<String, Object> ciDocument = new HashMap<>(saved);
        Map<String, Object> oidc = new HashMap<>((Map<String, Object>) ciDocument.get("oidc"));
        oidc.put("clientSecret", "s3cret");
        ciDocument.put("oidc", oidc);
        asPlatform().body(ciDocument).put("/api/sites/" + ciSite + "/idps/keycloak").then().statusCode(201);

        Map<String, Object> viaWizard = comparable(asPlatform().get("/api/sites/" + site + "/idps/keycloak")
                .then().extract().as(Map.class));
        Map<String, Object> viaCi = comparable(asPlatform().get("/api/sites/" + ciSite + "/idps/keycloak")
                .then().extract().as(Map.class));
        assertThat(viaWizard).isEqualTo(viaCi);
        assertThat(viaWizard).containsEntry("clientSecretSet", true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Cognito,  /us-east-2_AbC, /oauth2/userInfo",
            "Entra ID, /tenant-1/v2.0, https://graph.microsoft.com/oidc/userinfo",
            "Google,   /google,        /v1/userinfo",
            "Keycloak, /realms/acme,   /realms/acme/protocol/openid-connect/userinfo"})
    void discoveryFillsTheEndpoints(String idp, String prefix, String userInfo) {
        String draft = newDraft();
        step(draft, "details", Map.of("type", "GENERIC", "configUrl",
                base() + prefix + "/.well-known/openid-configuration", "clientId", "c")).statusCode(200);
        asPlatform().post(wizard(draft) + "/discover").then().statusCode(200)
                .body("issuer", equalTo(base() + prefix))
                .body("authorizationUrl", equalTo(base() + prefix + "/authorize"))
                .body("tokenUrl", equalTo(base() + prefix + "/token"))
                .body("jwksUri", equalTo(base() + prefix + "/jwks"))
                .body("userInfoUrl", equalTo(userInfo.startsWith("/") ? base() + userInfo : userInfo));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unreachable,        http://127.0.0.1:1/x/.well-known/openid-configuration, unreachable",
            "timeout,            BASE/slow/.well-known/openid-configuration,             timeout",
            "HTTP status,        BASE/status/.well-known/openid-configuration,           HTTP 404",
            "not JSON,           BASE/html/.well-known/openid-configuration,             not JSON",
            "required field,     BASE/nojwks/.well-known/openid-configuration,           required field jwks_uri",
            "issuer mismatch,    BASE/other/.well-known/openid-configuration,            does not match"})
    void eachDiscoveryFailureSaysWhy(String failure, String url, String reason) {
        String draft = newDraft();
        step(draft, "details", Map.of("configUrl", url.replace("BASE", base()), "clientId", "c")).statusCode(200);
        asPlatform().post(wizard(draft) + "/discover").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("oidc.configUrl"))
                .body("errors[0].message", containsString(reason));
        asPlatform().get(wizard(draft) + "/steps/details").then().body("issuer", equalTo(null));
    }

    @Test
    void discoveredEndpointsAreReadOnlyWhileAConfigUrlIsSet() {
        String draft = newDraft();
        step(draft, "details", Map.of("configUrl", base() + "/google/.well-known/openid-configuration",
                "clientId", "c")).statusCode(200);
        asPlatform().post(wizard(draft) + "/discover").then().statusCode(200);
        step(draft, "details", Map.of("issuer", "https://evil.example")).statusCode(422)
                .body("errors[0].field", equalTo("oidc.issuer"))
                .body("errors[0].message", containsString("read-only while configUrl is set"));
        step(draft, "details", Map.of("clientId", "other")).statusCode(200).body("issuer", equalTo(base() + "/google"));

        Map<String, Object> manual = new HashMap<>();
        manual.put("configUrl", null);
        manual.put("issuer", "https://idp.example.com");
        manual.put("jwksUri", "https://idp.example.com/jwks");
        manual.put("authorizationUrl", "https://idp.example.com/authorize");
        manual.put("tokenUrl", "https://idp.example.com/token");
        step(draft, "details", manual).statusCode(200)
                .body("issuer", equalTo("https://idp.example.com"))
                .body("readOnly.size()", equalTo(0));
    }

    @Test
    void stepsCanBeRevisitedInAnyOrder() {
        String draft = newDraft();
        step(draft, "welcome", Map.of("emailEnabled", false, "messageEnabled", true,
                "messageTemplate", "<p>Hi</p>")).statusCode(200);
        step(draft, "basics", Map.of("nameId", "okta", "displayName", "Okta")).statusCode(200);
        step(draft, "basics", Map.of("displayName", "Okta (staff)")).statusCode(200)
                .body("nameId", equalTo("okta")).body("displayName", equalTo("Okta (staff)"));
        asPlatform().get(wizard(draft)).then().statusCode(200)
                .body("document.displayName", equalTo("Okta (staff)"))
                .body("document.welcome.messageTemplate", equalTo("<p>Hi</p>"))
                .body("steps", contains("basics", "login-url", "details", "attributes", "access-rights", "groups",
                        "default-properties", "default-groups", "welcome"));
        step(draft, "basics", Map.of("displayName", "")).statusCode(422).body("errors[0].field",
                equalTo("displayName"));
        step(draft, "basics", Map.of("loginUrl", "main")).statusCode(400).body("errors[0].field",
                equalTo("loginUrl"));
        asPlatform().get(wizard(draft) + "/steps/nope").then().statusCode(404);
        step(draft, "basics", Map.of("emailDomains", Map.of("a", 1))).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("emailDomains"));
        step(draft, "details", Map.of("pkce", "maybe")).statusCode(400)
                .body("errors[0].field", equalTo("oidc.pkce"));
        asPlatform().body("[1]").put(wizard(draft) + "/steps/welcome").then().statusCode(400);
    }

    @Test
    void presetsFillDefaultsThatStayEditable() {
        String draft = newDraft();
        step(draft, "details", Map.of("type", "COGNITO", "region", "us-east-2", "userPoolId", "us-east-2_AbC",
                "clientId", "c")).statusCode(200)
                .body("configUrl", equalTo(
                        "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbC/.well-known/openid-configuration"))
                .body("scopes", contains("openid", "email"))
                .body("externalUserIdAttribute", equalTo("email"))
                .body("region", equalTo("us-east-2"));
        step(draft, "details", Map.of("scopes", "openid email profile", "externalUserIdAttribute", "sub"))
                .statusCode(200).body("scopes", contains("openid", "email", "profile"))
                .body("externalUserIdAttribute", equalTo("sub"));
        String entra = newDraft();
        step(entra, "details", Map.of("type", "ENTRA_ID", "clientId", "c")).statusCode(422)
                .body("errors[0].field", equalTo("oidc.tenantId"));
        step(entra, "details", Map.of("type", "OKTA", "domain", "acme.okta.com", "authorizationServer", "default",
                "clientId", "c")).statusCode(200)
                .body("configUrl", equalTo("https://acme.okta.com/oauth2/default/.well-known/openid-configuration"));
    }

    @Test
    void entraAndGooglePresetsIdentifyUsersByAnImmutableIdNotTheEmail() {
        step(newDraft(), "details", Map.of("type", "ENTRA_ID", "tenantId", "contoso", "clientId", "c"))
                .statusCode(200).body("externalUserIdAttribute", equalTo("oid"))
                // group overage: the Graph permission the app registration needs is named
                .body("hints", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString(
                        "GroupMember.Read.All")));
        step(newDraft(), "details", Map.of("type", "GOOGLE", "clientId", "c"))
                .statusCode(200).body("externalUserIdAttribute", equalTo("sub"));
    }

    @Test
    void editModeChangesAnExistingIdpAndKeepsItsSecret() {
        var doc = TestApi.cognitoDocument();
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        String draft = asPlatform().body(Map.of("fromIdp", "cognito")).post("/api/sites/" + site + "/idp-wizard")
                .then().statusCode(201)
                .body("editing", equalTo("cognito"))
                .body("document.displayName", equalTo("Sign in with Cognito"))
                .body("clientSecretSet", equalTo(true))
                .body(not(containsString("cognito-client-secret-value")))
                .extract().path("id");
        step(draft, "basics", Map.of("nameId", "renamed")).statusCode(422).body("errors[0].field", equalTo("nameId"));
        // The details step says the stored secret is set, and never shows it.
        asPlatform().get("/api/sites/" + site + "/idp-wizard/" + draft + "/steps/details").then().statusCode(200)
                .body("clientSecretSet", equalTo(true)).body(not(containsString("cognito-client-secret-value")));
        step(draft, "basics", Map.of("displayName", "Cognito (edited)")).statusCode(200);
        asPlatform().post(wizard(draft) + "/save").then().statusCode(200)
                .body("displayName", equalTo("Cognito (edited)")).body("clientSecretSet", equalTo(true));
        assertThat(sealedSecret("cognito")).isNotNull();
        asPlatform().get("/api/sites/" + site + "/idps/cognito").then()
                .body("groupMapping.table.find { it.key == 'QA' }.values", contains("Quality", "Operations"));
    }

    @Test
    void draftsLiveInPostgresqlAndHoldNoPlaintextSecret() {
        String draft = newDraft();
        step(draft, "details", Map.of("configUrl", base() + "/google/.well-known/openid-configuration",
                "clientId", "c", "clientSecret", "draft-secret-value")).statusCode(200);
        Object[] row = draftRow(draft);
        assertThat(row).isNotNull();
        assertThat((String) row[0]).doesNotContain("draft-secret-value");
        assertThat((String) row[1]).startsWith("v1:").doesNotContain("draft-secret-value");
        asPlatform().delete(wizard(draft)).then().statusCode(204);
        asPlatform().get(wizard(draft)).then().statusCode(404);
    }

    @Test
    void draftsOlderThanTheMaximumAgeAreCleanedUp() {
        String stale = newDraft();
        clock.advance(Duration.ofDays(8));
        newDraft();
        asPlatform().get(wizard(stale)).then().statusCode(404);
    }

    @Test
    void mappingStepsTakeTheDocumentThenTheNodesAndRefuseXxe() {
        String draft = newDraft();
        asPlatform().contentType("multipart/form-data")
                .multiPart("file", "groups.xml", fixture("groups-mapping.xml").getBytes(StandardCharsets.UTF_8),
                        "application/xml")
                .multiPart("claim", "cognito:groups")
                .put(wizard(draft) + "/steps/groups").then().statusCode(200)
                .body("nodes", contains("ExternalSystemAccess", "EncodeGroup"))
                .body("table.size()", equalTo(0));
        step(draft, "groups", Map.of("keyNode", "ExternalSystemAccess", "valueNode", "EncodeGroup")).statusCode(200)
                .body("table.find { it.key == 'Local Company' }.values", contains("Argentina", "Chile", "Bolivia"));
        step(draft, "groups", Map.of("document", "<M><Mapping><ExternalSystemAccess>X</ExternalSystemAccess>"
                + "<EncodeGroup>Narnia</EncodeGroup></Mapping></M>")).statusCode(422)
                .body("errors[0].message", containsString("group 'Narnia'"));
        step(draft, "access-rights", Map.of("claim", "x", "document",
                "<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><m><a>&x;</a></m>")).statusCode(422)
                .body("errors[0].field", equalTo("accessRightMapping.document"))
                .body("errors[0].message", containsString("DOCTYPE"));
        asPlatform().get(wizard(draft) + "/steps/access-rights").then().body("document", equalTo(null));
    }

    @Test
    void thePreviewSubstitutesAndEscapes() {
        String draft = newDraft();
        step(draft, "welcome", Map.of("emailEnabled", true, "emailSubject", "Welcome to ${site.name}",
                "emailTemplate", "<p>Hello ${user.name} (${user.nickname})</p>", "messageEnabled", true,
                "messageTemplate", "<p>Welcome ${user.login}</p>")).statusCode(200);
        asPlatform().queryParam("name", "<script>alert(1)</script>").queryParam("login", "j&d")
                .get(wizard(draft) + "/steps/welcome/preview").then().statusCode(200)
                .body("subject", equalTo("Welcome to Site " + site))
                .body("email", equalTo("<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; (${user.nickname})</p>"))
                .body("message", equalTo("<p>Welcome j&amp;d</p>"))
                .body("warnings", hasItem(containsString("${user.nickname}")));
    }

    private String newDraft() {
        return asPlatform().body(Map.of()).post("/api/sites/" + site + "/idp-wizard").then().statusCode(201)
                .body("document.authMethod", equalTo("OIDC")).extract().path("id");
    }

    private ValidatableResponse step(String draft, String step, Map<String, ?> body) {
        RequestSpecification request = asPlatform().body(body);
        return request.put(wizard(draft) + "/steps/" + step).then();
    }

    private String wizard(String draft) {
        return "/api/sites/" + site + "/idp-wizard/" + draft;
    }

    private String base() {
        return "http://localhost:" + idps.port();
    }

    private void stubDiscovery(String prefix, String extraField, String extraValue) {
        String value = extraValue.startsWith("/") ? base() + extraValue : extraValue;
        idps.stubFor(get(urlEqualTo(prefix + "/.well-known/openid-configuration"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(discoveryJson(base() + prefix, Map.of(extraField, value)))));
    }

    private static String discoveryJson(String issuer, Map<String, String> extra) {
        StringBuilder json = new StringBuilder("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer
                + "/authorize\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]");
        extra.forEach((k, v) -> json.append(",\"").append(k).append("\":\"").append(v).append('"'));
        return json.append('}').toString();
    }

    private static Map<String, Object> comparable(Map<String, Object> idp) {
        Map<String, Object> copy = new HashMap<>(idp);
        List.of("callbackUrl", "authorizationBaseUrl", "createdAt", "updatedAt").forEach(copy::remove);
        return copy;
    }

    @Transactional
    Object[] draftRow(String id) {
        return (Object[]) em.createNativeQuery("select cast(document as text), client_secret_sealed from idp_draft "
                + "where id = cast(?1 as uuid)").setParameter(1, id).getSingleResult();
    }

    @Transactional
    String sealedSecret(String nameId) {
        return (String) em.createNativeQuery("select client_secret_sealed from identity_provider where site_key = ?1 "
                + "and name_id = ?2").setParameter(1, site).setParameter(2, nameId).getSingleResult();
    }
}
