package org.ssobroker.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.login.BrowserLoginTestAccess;
import org.ssobroker.support.FakeIdp;

import java.net.URL;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;
import static org.ssobroker.support.TestApi.platformToken;

/**
 * quarkus-smallrye-jwt's MP-JWT mechanism (the broker's bearer tokens on /api and /rest) and
 * quarkus-oidc's web-app tenants (the IdPs' code flow on /site) in one application: each path
 * gets its own mechanism, and neither credential opens the other's paths.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerAndCodeFlowCoexistTest {

    @TestHTTPResource("/")
    URL broker;

    FakeIdp idp = FakeIdp.start();

    @AfterAll
    void stop() {
        idp.close();
    }

    @Test
    void bothMechanismsServeTheirPathsInOneApplication() throws Exception {
        String site = newSiteWithCatalogs();
        asPlatform().body(BrowserLoginTestAccess.idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201);
        idp.nextLogin(BrowserLoginTestAccess.claims("co@encode.dk", List.of("QA"), "Agency"));
        try (WebClient browser = BrowserLoginTestAccess.browser()) {
            HtmlPage signedIn = browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/cognito"));
            assertThat(signedIn.getElementById("signed-in")).as("the code flow ran").isNotNull();
            // The browser's cookies are no bearer token: the admin API stays closed to it.
            Page api = browser.getPage(new URL(broker, "/api/sites/" + site));
            assertThat(api.getWebResponse().getStatusCode()).isEqualTo(401);
        }
        // A bearer token on an IdP's callback is no code flow: it is sent to the IdP, not let in.
        given().auth().oauth2(platformToken()).redirects().follow(false)
                .get("/site/" + site + "/login/oauth2/code/cognito").then().statusCode(302);
        asPlatform().get("/api/sites/" + site).then().statusCode(200).body("key", equalTo(site));
    }

    @Test
    void aTokenWithTheBrokersClaimsButAnotherKeyIsRefused() throws Exception {
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder()
                .decode(platformToken().split("\\.")[1])));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "at+jwt");
        jws.setKey(RsaJwkGenerator.generateJwk(2048).getPrivateKey());
        given().auth().oauth2(jws.getCompactSerialization()).get("/api/sites").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(jws.getCompactSerialization()).get("/rest/internal/site/x/me").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }
}
