package org.ssobroker.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;

/**
 * The findings of issue 21 and their neighbours: NUL and CR/LF in path parameters, a broken
 * multipart boundary, control characters in stored strings. Each answer comes at once, is the
 * endpoint family's clean 4xx, and nothing is stored. Sent over a raw socket: ordinary clients
 * refuse to send some of these.
 */
@QuarkusTest
class HostileInputTest {

    private RawHttp http;
    private String token;

    @BeforeEach
    void client() {
        http = new RawHttp("localhost", RestAssured.port, Duration.ofSeconds(5));
        token = TestApi.platformToken();
    }

    private RawHttp.Answer send(RawHttp.Request request) {
        RawHttp.Answer answer = http.send(request);
        assertThat(answer.hung()).as("no answer within 5 s: %s", answer.failure()).isFalse();
        return answer;
    }

    private RawHttp.Request as(String method, String target) {
        return RawHttp.Request.of(method, target).header("Authorization", "Bearer " + token);
    }

    private static JsonNode json(RawHttp.Answer answer) {
        try {
            return TestApi.JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    /** Finding 1: these hung (the 403's challenge echoed the NUL into a header nobody could write). */
    @ParameterizedTest
    @ValueSource(strings = {"%00", "%0d%0a", "a%0d%0aSet-Cookie:%20x=y", "%1b"})
    void aControlCharacterInAPathParameterOfTheAppsApiIsAnInvalidRequest(String hostile) {
        String site = TestApi.newSiteWithCatalogs();
        for (RawHttp.Request request : List.of(
                as("GET", "/rest/internal/site/" + hostile + "/me"),
                as("POST", "/rest/external/site/" + site + "/idp/" + hostile + "/provisionByOpenIdToken")
                        .body("application/json", "{\"openIdToken\":\"a.b.c\"}"),
                as("POST", "/rest/external/site/" + hostile + "/idp/cognito/provisionByOpenIdToken")
                        .body("application/json", "{\"openIdToken\":\"a.b.c\"}"))) {
            RawHttp.Answer answer = send(request);
            assertThat(answer.status()).as(request.target()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            JsonNode body = json(answer);
            assertThat(body.path("error").asText()).isEqualTo("invalid_request");
            assertThat(body.path("error_description").asText()).matches("(site|nameId): must be .*");
            assertThat(answer.headers().keySet()).doesNotContain("set-cookie");
        }
    }

    /** Without a token the apps' API still says only that a token is needed. */
    @Test
    void aHostilePathWithoutATokenIsStillJustUnauthorized() {
        RawHttp.Answer answer = send(RawHttp.Request.of("GET", "/rest/internal/site/%00/me"));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(json(answer).path("error").asText()).isEqualTo("invalid_token");
    }

    /** Finding 2: the authorization base URL was a 500 (PostgreSQL refused the NUL). */
    @ParameterizedTest
    @CsvSource({"%00,x", "x,%00", "acme,a%0d%0ab", "UPPER,x", "acme,a.b"})
    void aHostilePathOfTheBrowserLoginIsTheErrorPage(String site, String nameId) {
        for (String target : List.of("/site/" + site + "/oauth2/authorization/" + nameId,
                "/site/" + site + "/login/error/" + nameId)) {
            RawHttp.Answer answer = send(RawHttp.Request.of("GET", target));
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("text/html");
            assertThat(answer.body()).contains("must be").doesNotContain("Exception");
        }
        RawHttp.Answer page = send(RawHttp.Request.of("GET", "/site/%00/login/main"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
    }

    @ParameterizedTest
    @CsvSource({
            "/api/sites/%00,                     site",
            "/api/sites/{site}/idps/%00,         nameId",
            "/api/sites/{site}/idps/a%0d%0ab,    nameId",
            "/api/sites/{site}/groups/%00,       name",
            "/api/sites/{site}/access-rights/%09x, name",
            "/api/sites/{site}/login-urls/%00,   loginUrl",
            "/api/sites/{site}/client-apps/%00,  clientId",
            "/api/sites/{site}/users/%00,        id",
            "/api/sites/{site}/idp-wizard/%00,   draftId"})
    void aHostilePathParameterOfTheAdminApiIsAProblemNamingIt(String path, String field) {
        String site = TestApi.newSiteWithCatalogs();
        for (String method : path.contains("/users/") ? List.of("GET") : List.of("GET", "DELETE")) {
            RawHttp.Answer answer = send(as(method, path.replace("{site}", site)));
            assertThat(answer.status()).as(method + " " + path).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo(field);
        }
        asPlatform().get("/api/sites/" + site + "/groups").then().statusCode(200).body("size()", equalTo(6));
    }

    /** The name a PUT writes is a field of its document: a rule it breaks is a 422 naming that field. */
    @ParameterizedTest
    @CsvSource({
            "/api/sites/UPPER,                   key",
            "/api/sites/{site}/idps/with-dash,   nameId",
            "/api/sites/{site}/idps/a%00b,       nameId",
            "/api/sites/{site}/login-urls/Main,  name",
            "/api/sites/{site}/groups/%20padded, name",
            "/api/sites/{site}/client-apps/a%21, clientId"})
    void aBadNameInAPutIsAValidationProblemNamingTheField(String path, String field) {
        String site = TestApi.newSiteWithCatalogs();
        RawHttp.Answer answer = send(as("PUT", path.replace("{site}", site)).body("application/json", "{}"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    /** Finding 3: an empty boundary was a StringIndexOutOfBoundsException, a 500. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "multipart/form-data; boundary=      | Content-Type",
            "multipart/form-data                 | Content-Type",
            "multipart/form-data; boundary=\"    | Content-Type",
            "multipart/form-data; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | Content-Type"})
    void aBrokenMultipartBoundaryIsABadRequestNamingIt(String contentType, String field) {
        String site = TestApi.newSiteWithCatalogs();
        String draft = newDraft(site);
        for (String step : List.of("details", "groups")) {
            RawHttp.Answer answer = send(as("PUT", "/api/sites/" + site + "/idp-wizard/" + draft + "/steps/" + step)
                    .body(contentType, part("abc", "file", "<MappingDocument/>") + "--abc--\r\n"));
            assertThat(answer.status()).as(contentType).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
            JsonNode error = json(answer).path("errors").get(0);
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("message").asText()).isNotBlank();
        }
        assertNothingMapped(site, draft);
    }

    @Test
    void aTruncatedOrOversizedMultipartBodyIsABadRequest() {
        String site = TestApi.newSiteWithCatalogs();
        String draft = newDraft(site);
        String target = "/api/sites/" + site + "/idp-wizard/" + draft + "/steps/groups";
        for (String body : List.of(
                part("abc", "file", "<MappingDocument/>"),
                "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.xml\"\r\n\r\n<Mapp",
                "garbage without any boundary",
                // Over quarkus.http.limits.max-form-attribute-size (400K: the console's welcome templates).
                part("abc", "claim", "c".repeat(500_000)) + part("abc", "file", "<MappingDocument/>") + "--abc--\r\n")) {
            RawHttp.Answer answer = send(as("PUT", target).body("multipart/form-data; boundary=abc", body));
            assertThat(answer.status()).as(body.substring(0, Math.min(60, body.length()))).isEqualTo(400);
            JsonNode error = json(answer).path("errors").get(0);
            assertThat(error.path("field").asText()).isEqualTo("body");
            assertThat(error.path("message").asText()).containsAnyOf("multipart", "part");
        }
        assertNothingMapped(site, draft);
    }

    @Test
    void controlCharactersInStoredStringsAreRefusedNamingTheField() {
        String site = TestApi.newSiteWithCatalogs();
        expectField(as("PUT", "/api/sites/" + site).body("application/json", "{\"name\":\"a\\u0000b\"}"), 400, "name");
        expectField(as("PUT", "/api/sites/" + site).body("application/json", "{\"name\":\"a\\r\\nb\"}"), 422, "name");
        expectField(as("PUT", "/api/sites/" + site + "/login-urls/main").body("application/json",
                "{\"title\":\"a\\nBcc: x\"}"), 422, "title");
        expectField(as("PUT", "/api/sites/" + site + "/groups/Everyone").body("application/json",
                "{\"description\":\"\\u0000\"}"), 400, "description");
        var doc = TestApi.cognitoDocument();
        doc.put("displayName", "Sign in\u0000");
        expectField(as("PUT", "/api/sites/" + site + "/idps/cognito").body("application/json", doc.toString()), 400,
                "displayName");
        doc = TestApi.cognitoDocument();
        doc.withObject("defaultUserProperties").withObject("attributes").put("div\u0000ision", "x");
        expectField(as("PUT", "/api/sites/" + site + "/idps/cognito").body("application/json", doc.toString()), 400,
                "defaultUserProperties.attributes");
        doc = TestApi.cognitoDocument();
        doc.putArray("emailDomains").add("acme.com\u0007");
        expectField(as("PUT", "/api/sites/" + site + "/idps/cognito").body("application/json", doc.toString()), 400,
                "emailDomains");
        doc = TestApi.cognitoDocument();
        doc.withObject("welcome").put("emailSubject", "Welcome\r\nBcc: everyone@example.com");
        expectField(as("PUT", "/api/sites/" + site + "/idps/cognito").body("application/json", doc.toString()), 422,
                "welcome.emailSubject");
        asPlatform().get("/api/sites/" + site + "/idps/cognito").then().statusCode(404);
        asPlatform().get("/api/sites/" + site).then().statusCode(200).body("name", equalTo("Site " + site));

        String draft = newDraft(site);
        String details = "/api/sites/" + site + "/idp-wizard/" + draft + "/steps/details";
        expectField(as("PUT", details).body("application/json", "{\"type\":\"KEYCLOAK\",\"baseUrl\":\"a\\u0000b\"}"),
                422, "oidc.baseUrl");
        expectField(as("PUT", details).body("application/json", "{\"clientId\":\"a\\u0000b\"}"), 400, "oidc.clientId");
        expectField(as("PUT", "/api/sites/" + site + "/idp-wizard/" + draft + "/steps/basics")
                .body("application/json", "{\"displayName\":\"a\\u0000b\"}"), 400, "displayName");
        asPlatform().get(details).then().statusCode(200).body("clientId", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void controlCharactersInFormsAreTheClientsError() {
        RawHttp.Answer answer = send(RawHttp.Request.of("POST", "/oauth/token").body(
                "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=a%00b&client_secret=x"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).isEqualTo("invalid_request");
        assertThat(json(answer).path("error_description").asText()).contains("client_id");

        String basic = Base64.getEncoder().encodeToString("a\u0000b:x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        answer = send(RawHttp.Request.of("POST", "/oauth/token").header("Authorization", "Basic " + basic)
                .body("application/x-www-form-urlencoded", "grant_type=client_credentials"));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(json(answer).path("error").asText()).isEqualTo("invalid_client");

        String site = TestApi.newSiteWithCatalogs();
        answer = send(RawHttp.Request.of("POST", "/site/" + site + "/login/main")
                .body("application/x-www-form-urlencoded", "email=a%00b%40example.com"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("email parameter must not contain control characters");
    }

    private void expectField(RawHttp.Request request, int status, String field) {
        RawHttp.Answer answer = send(request);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private static String newDraft(String site) {
        return asPlatform().body(Map.of()).post("/api/sites/" + site + "/idp-wizard").then().statusCode(201)
                .extract().path("id");
    }

    private static String part(String boundary, String name, String content) {
        String filename = name.equals("file") ? "; filename=\"mapping.xml\"" : "";
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" + filename + "\r\n\r\n"
                + content + "\r\n";
    }

    private static void assertNothingMapped(String site, String draft) {
        asPlatform().get("/api/sites/" + site + "/idp-wizard/" + draft + "/steps/groups").then().statusCode(200)
                .body("document", org.hamcrest.Matchers.nullValue());
    }
}
