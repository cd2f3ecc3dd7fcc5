package org.ssobroker.support;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** Bad input gets a 4xx problem document naming the field; never a 500 or a stack trace. */
@QuarkusTest
class MalformedInputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON        | {\"displayName\":                 | body",
            "array instead of doc  | []                                | body",
            "wrong type: object    | {\"displayName\":{\"a\":1}}       | displayName",
            "wrong type: boolean   | {\"hideLoginButton\":\"maybe\"}   | hideLoginButton",
            "wrong type: list      | {\"oidc\":{\"scopes\":{\"a\":1}}} | oidc.scopes",
            "wrong type: nested    | {\"oidc\":[]}                     | oidc",
            "unknown field         | {\"displayNmae\":\"x\"}           | displayNmae",
            "list of numbers       | {\"emailDomains\":[1,2]}          | emailDomains"})
    void badJsonNamesTheField(String name, String body, String field) {
        String site = newSiteWithCatalogs();
        asPlatform().body(body).put("/api/sites/" + site + "/idps/broken")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body(not(containsString("Exception")));
        asPlatform().get("/api/sites/" + site + "/idps/broken").then().statusCode(404);
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String site = newSiteWithCatalogs();
        // Expect: 100-continue lets the server refuse before the body is sent (else it may close mid-upload).
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/sites/" + site
                                + "/idps/huge"))
                .expectContinue(true)
                .header("Authorization", "Bearer " + TestApi.platformToken())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + "x".repeat(1_100_000)
                        + "\"}"))
                .build();
        int status = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        org.assertj.core.api.Assertions.assertThat(status).isEqualTo(413);
        asPlatform().get("/api/sites/" + site + "/idps/huge").then().statusCode(404);
    }

    @Test
    void brokenFormEncodingIsTheClientsErrorInEachEndpointsOwnForm() {
        given().auth().preemptive().basic(TestApi.PLATFORM_CLIENT, TestApi.PLATFORM_SECRET)
                .contentType("application/x-www-form-urlencoded").body("grant_type=%ZZ")
                .post("/oauth/token").then().statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("invalid_request"))
                // Quarkus REST decodes every form before the filters (quarkus-rest-csrf reads forms): the
                // answer names the body, not the parameter.
                .body("error_description", containsString("not a valid form"));
        given().auth().preemptive().basic(TestApi.PLATFORM_CLIENT, TestApi.PLATFORM_SECRET)
                .contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials&%ZZ=1")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));

        String site = newSiteWithCatalogs();
        given().contentType("application/x-www-form-urlencoded").body("email=bob%2")
                .post("/site/" + site + "/login/main").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("not a valid form"))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreProblems() {
        given().get("/no/such/path").then().statusCode(404).contentType("application/problem+json");
        asPlatform().get("/api/sites/x/no-such-thing").then().statusCode(404).contentType("application/problem+json");
        asPlatform().delete("/api/sites").then().statusCode(405)
                .contentType("application/problem+json");
        String site = newSiteWithCatalogs();
        asPlatform().contentType("text/plain").body("hello").put("/api/sites/" + site + "/idps/x")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
