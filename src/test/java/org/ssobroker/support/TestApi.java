package org.ssobroker.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Drives the admin API the way CI does: platform token, sites, catalogs, login URLs, IdPs. */
public final class TestApi {

    public static final String PLATFORM_CLIENT = "platform-admin";
    public static final String PLATFORM_SECRET = "test-platform-secret";
    public static final ObjectMapper JSON = new ObjectMapper();

    private TestApi() {
    }

    /**
     * The test profile's public base URL: where the tests' browsers reach the broker
     * ({@code http://localhost:<test port>}), so redirect_uris and cookies work without a proxy.
     */
    public static String publicBase() {
        return "http://localhost:" + io.restassured.RestAssured.port;
    }

    /** A URL of the management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}). */
    public static String management(String path) {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        return "http://localhost:" + port + path;
    }

    public static String platformToken() {
        return token(PLATFORM_CLIENT, PLATFORM_SECRET);
    }

    public static String token(String clientId, String secret) {
        return given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    public static RequestSpecification asPlatform() {
        return as(platformToken());
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    /** A new site with a unique key, so tests never see each other's data. */
    public static String newSite() {
        String key = "t-" + UUID.randomUUID().toString().substring(0, 8);
        asPlatform().body(Map.of("name", "Site " + key)).put("/api/sites/" + key).then().statusCode(201);
        return key;
    }

    /** A new site with the catalogs the fixtures map to and a login URL "main". */
    public static String newSiteWithCatalogs() {
        String site = newSite();
        for (String right : List.of("Admin", "Sales Manager", "Agency User", "Viewer")) {
            asPlatform().body(Map.of()).put("/api/sites/" + site + "/access-rights/" + right).then().statusCode(201);
        }
        for (String group : List.of("Argentina", "Chile", "Bolivia", "Operations", "Quality", "Everyone")) {
            asPlatform().body(Map.of()).put("/api/sites/" + site + "/groups/" + group).then().statusCode(201);
        }
        asPlatform().body(Map.of("title", "Main login")).put("/api/sites/" + site + "/login-urls/main")
                .then().statusCode(201);
        return site;
    }

    /** A client app of the site with the given scopes; returns its secret. */
    public static String newClientApp(String site, String clientId, List<String> scopes, List<String> grantTypes) {
        return asPlatform().body(Map.of("scopes", scopes, "grantTypes", grantTypes, "redirectUris", List.of()))
                .put("/api/sites/" + site + "/client-apps/" + clientId)
                .then().statusCode(201)
                .extract().path("clientSecret");
    }

    /** The Cognito IdP document of DESIGN.md, valid for a site made by {@link #newSiteWithCatalogs()}. */
    /** {@link #cognitoDocument()} pointed at a fake IdP: its discovery URL, client id and secret. */
    public static ObjectNode cognitoDocument(FakeIdp idp) {
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        return doc;
    }

    public static ObjectNode cognitoDocument() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("displayName", "Sign in with Cognito");
        doc.put("authMethod", "OIDC");
        doc.putArray("emailDomains").add("encode.dk").add("microsoft.com");
        doc.put("loginUrl", "main");
        doc.put("hideLoginButton", false);
        doc.putArray("allowedRedirectUrls").add("https://app.example.com/after-login");
        ObjectNode oidc = doc.putObject("oidc");
        oidc.put("type", "COGNITO");
        oidc.put("configUrl",
                "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbC/.well-known/openid-configuration");
        oidc.put("clientId", "76pac5a466pl4pcdfnbh22kj5l");
        oidc.put("clientSecret", "cognito-client-secret-value");
        oidc.putArray("scopes").add("openid").add("email");
        oidc.put("externalUserIdAttribute", "email");
        oidc.put("pkce", true);
        ObjectNode mapping = doc.putArray("attributeMappings").addObject();
        mapping.put("claim", "given_name");
        mapping.put("field", "firstName");
        ObjectNode custom = doc.withArray("attributeMappings").addObject();
        custom.put("claim", "custom:aws_id");
        custom.put("field", "employeeId");
        ObjectNode rights = doc.putObject("accessRightMapping");
        rights.put("claim", "custom:access_Right_AWS");
        rights.put("document", fixture("access-rights-mapping.xml"));
        rights.put("keyNode", "ExternalSystemAccess");
        rights.put("valueNode", "EncodeAccessRight");
        ObjectNode groups = doc.putObject("groupMapping");
        groups.put("claim", "cognito:groups");
        groups.put("document", fixture("groups-mapping.xml"));
        groups.put("keyNode", "ExternalSystemAccess");
        groups.put("valueNode", "EncodeGroup");
        ObjectNode defaults = doc.putObject("defaultUserProperties");
        defaults.put("accessRight", "Viewer");
        defaults.put("portalPage", "home");
        defaults.put("skin", "light");
        defaults.put("dashboardTheme", "default");
        defaults.put("language", "en");
        defaults.putObject("attributes").put("division", "Managers");
        doc.putArray("defaultGroups").add("Everyone");
        ObjectNode welcome = doc.putObject("welcome");
        welcome.put("emailEnabled", true);
        welcome.put("emailSubject", "Welcome to ${site.name}");
        welcome.put("emailTemplate", "<p>Hello ${user.name}</p>");
        welcome.put("messageEnabled", true);
        welcome.put("messageTemplate", "<p>Welcome ${user.login}</p>");
        return doc;
    }

    public static String fixture(String name) {
        try (InputStream in = TestApi.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
