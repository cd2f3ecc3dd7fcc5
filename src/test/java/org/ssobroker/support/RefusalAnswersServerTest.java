package org.ssobroker.support;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * A refusal no flow answered ({@link FailingResource} throws one) is answered in its endpoint
 * family's form by the one renderer of that form.
 */
@QuarkusTest
class RefusalAnswersServerTest {

    @Test
    void onTheAdminApiAsProblemJson() {
        asPlatform().get("/api/test-failures/refused-user")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:sso-broker:login-refused:email_domain"))
                .body("detail", equalTo("eve@evil.example may not sign in."));
    }

    @Test
    void onTheOAuthPathsAsAnRfc6749Error() {
        asPlatform().get("/rest/test-failures/refused-token")
                .then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo("the id_token expired"));
        asPlatform().get("/oauth/test-failures/refused-upstream")
                .then().statusCode(503).body("error", equalTo("temporarily_unavailable"));
    }

    @Test
    void onTheBrowserPathsAsAPage() {
        given().get("/site/acme/test-failures/refused-user")
                .then().statusCode(403).contentType(startsWith("text/html"))
                .body(containsString("Access denied")).body(containsString("eve@evil.example may not sign in."));
    }
}
