package org.ssobroker.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.FakeIdp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.publicBase;

/** Pages, inputs and proxies: headers on every answer, deep XML, paging overflow, forwarded headers. */
@QuarkusTest
class HardeningTest {

    @Test
    void everyAnswerSaysNoReferrerAndHttpGetsNoHsts() {
        for (String path : new String[] {"/site/nosite/login/main", "/api/sites", "/.well-known/jwks.json"}) {
            given().get(path).then().header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void deeplyNestedMappingXmlIsA422NamingTheField() {
        String site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ((ObjectNode) doc.get("accessRightMapping")).put("document",
                "<a>".repeat(20_000) + "<K>x</K>" + "</a>".repeat(20_000));
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/deep").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("accessRightMapping.document"))
                .body("errors[0].message", equalTo("nests elements deeper than 32 levels"));
        asPlatform().get("/api/sites/" + site + "/idps/deep").then().statusCode(404);
    }

    @Test
    void anOffsetPlusLimitBeyondTheIntRangeIsA400() {
        String site = newSiteWithCatalogs();
        asPlatform().get("/api/sites/" + site + "/users?offset=2147483647&limit=2").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("offset"));
        asPlatform().get("/api/sites/" + site + "/users?offset=2147483646&limit=1").then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnoredAndTheRedirectUriComesFromThePublicBaseUrl() {
        try (FakeIdp idp = FakeIdp.start()) {
            String site = newSiteWithCatalogs();
            asPlatform().body(cognitoDocument(idp)).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);

            Response start = given().redirects().follow(false)
                    .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                    .header("Forwarded", "host=evil.example;proto=https")
                    .get("/site/" + site + "/oauth2/authorization/cognito");
            assertThat(start.statusCode()).isEqualTo(303);
            assertThat(start.header("Location")).startsWith(publicBase() + "/site/" + site);
            assertThat(start.header("Set-Cookie")).doesNotContainIgnoringCase("secure");

            Response toIdp = given().redirects().follow(false).cookies(start.cookies())
                    .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                    .get(start.header("Location"));
            assertThat(toIdp.statusCode()).isEqualTo(302);
            String location = URLDecoder.decode(toIdp.header("Location"), StandardCharsets.UTF_8);
            assertThat(location).startsWith(idp.authorizationUrl())
                    .contains("redirect_uri=" + publicBase() + "/site/" + site + "/login/oauth2/code/cognito")
                    .doesNotContain("evil.example");
        }
    }
}
