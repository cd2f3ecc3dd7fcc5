package org.ssobroker.token;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.ssobroker.support.TestApi.newClientApp;
import static org.ssobroker.support.TestApi.newSite;

@QuarkusTest
class TokenEndpointTest {

    String site;
    String clientId;
    String secret;

    @BeforeEach
    void clientApp() {
        site = newSite();
        clientId = "ci-" + site;
        secret = newClientApp(site, clientId, List.of("site_" + site + "_admin", "site_" + site + "_internalApi"),
                List.of("client_credentials"));
    }

    @Test
    void issuesASignedTokenVerifiableWithThePublishedKeys() throws Exception {
        String token = given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("bearer"))
                // An admin scope: the short admin lifetime (sso-broker.token.admin-token-lifetime, PT15M).
                .body("expires_in", equalTo(900))
                .body("scope", equalTo("site_" + site + "_admin site_" + site + "_internalApi"))
                .body("jti", notNullValue())
                .extract().path("access_token");

        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(jws.getKeyIdHeaderValue()).isNotBlank();
        jws.setKey(new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwks).getJsonWebKeys()).getKey());
        assertThat(jws.verifySignature()).isTrue();

        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(claims.getIssuer()).isEqualTo(org.ssobroker.support.TestApi.publicBase());
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getJwtId()).isNotBlank();
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertThat(lifetime).isEqualTo(900);
        // RFC 9068: a JWT access token, for the broker's API, naming its client.
        assertThat(jws.getHeader("typ")).isEqualTo("at+jwt");
        assertThat(claims.getAudience()).containsExactly(org.ssobroker.support.TestApi.publicBase());
        assertThat(claims.getClaimValueAsString("client_id")).isEqualTo(clientId);
        assertThat(claims.getIssuedAt()).isNotNull();
    }

    @Test
    void aTokenWithoutAdminScopeLivesTheAccessTokenLifetime() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .formParam("scope", "site_" + site + "_internalApi")
                .post("/oauth/token")
                .then().statusCode(200)
                .body("expires_in", equalTo(14400));
    }

    @Test
    void acceptsClientCredentialsAsFormFieldsAndGrantsARequestedSubset() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .formParam("scope", "site_" + site + "_internalApi")
                .post("/oauth/token")
                .then().statusCode(200)
                .body("scope", equalTo("site_" + site + "_internalApi"));
    }

    @Test
    void wrongSecretIsInvalidClient() {
        oauthError(given().auth().preemptive().basic(clientId, "wrong")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then(), 401, "invalid_client")
                .header("WWW-Authenticate", containsString("Basic"));
    }

    @Test
    void unknownClientIsInvalidClient() {
        oauthError(given().formParam("grant_type", "client_credentials").formParam("client_id", "nobody")
                .formParam("client_secret", "x").post("/oauth/token").then(), 401, "invalid_client");
    }

    @Test
    void missingClientAuthenticationIsInvalidClient() {
        oauthError(given().formParam("grant_type", "client_credentials").post("/oauth/token").then(), 401,
                "invalid_client");
    }

    @Test
    void malformedBasicCredentialsAreInvalidClient() {
        oauthError(given().header("Authorization", "Basic %%%not-base64").formParam("grant_type", "client_credentials")
                .post("/oauth/token").then(), 401, "invalid_client");
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        oauthError(given().auth().preemptive().basic(clientId, secret).formParam("scope", "x")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        oauthError(given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials", "client_credentials")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void twoAuthenticationMethodsAreInvalidRequest() {
        oauthError(given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .formParam("client_secret", secret).post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void jsonBodyIsInvalidRequest() {
        oauthError(given().contentType("application/json").body("{\"grant_type\":\"client_credentials\"}")
                .post("/oauth/token").then(), 400, "invalid_request");
    }

    @Test
    void unknownGrantTypeIsUnsupported() {
        oauthError(given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "password")
                .post("/oauth/token").then(), 400, "unsupported_grant_type");
    }

    @Test
    void grantTypeNotGrantedToTheClientIsUnauthorizedClient() {
        oauthError(given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "authorization_code")
                .formParam("code", "x").post("/oauth/token").then(), 400, "unauthorized_client");
    }

    @Test
    void scopeNotGrantedIsInvalidScope() {
        oauthError(given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .formParam("scope", "site_other_admin").post("/oauth/token").then(), 400, "invalid_scope");
    }

    @Test
    void thePlatformAdminClientGetsThePlatformScope() {
        given().auth().preemptive().basic("platform-admin", "test-platform-secret")
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(200).body("scope", equalTo("platform_admin"));
        oauthError(given().auth().preemptive().basic("platform-admin", "wrong")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then(), 401, "invalid_client");
    }

    private static ValidatableResponse oauthError(ValidatableResponse response, int status, String error) {
        return response.statusCode(status)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("error", equalTo(error))
                .body("error_description", notNullValue());
    }
}
