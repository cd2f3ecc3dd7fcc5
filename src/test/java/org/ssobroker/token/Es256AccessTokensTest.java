package org.ssobroker.token;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.Es256Profile;
import org.ssobroker.support.TestApi;

import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sso-broker.token.algorithm=ES256}: access tokens are ES256, signed by the EC key and
 * verified by the broker itself; the JWKS publishes the RSA key and the EC key (a rollover
 * either way); id_tokens stay RS256, as OpenID Connect requires, unless an app asks for ES256
 * ({@code openid/Es256IdTokensTest}).
 */
@QuarkusTest
@TestProfile(Es256Profile.class)
class Es256AccessTokensTest {

    @Test
    void accessTokensAreEs256AndTheBrokerAcceptsThem() throws Exception {
        String token = TestApi.platformToken();
        Map<?, ?> header = TestApi.JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[0]), Map.class);
        assertThat(header.get("alg")).isEqualTo("ES256");
        assertThat(header.get("typ")).isEqualTo("at+jwt");

        String jwksJson = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JsonWebKeySet jwks = new JsonWebKeySet(jwksJson);
        assertThat(jwks.getJsonWebKeys()).extracting(JsonWebKey::getKeyType).containsExactlyInAnyOrder("RSA", "EC");
        JsonWebKey ecKey = jwks.findJsonWebKey((String) header.get("kid"), "EC", "sig", "ES256");
        assertThat(ecKey).as("the token's kid names the published EC key").isNotNull();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(ecKey.getKey());
        assertThat(jws.verifySignature()).isTrue();

        // The broker verifies its own ES256 token (smallrye-jwt, key by kid from its JWKS).
        TestApi.asPlatform().get("/api/sites").then().statusCode(200);
        given().auth().oauth2(token.substring(0, token.length() - 4) + "AAAA").get("/api/sites").then()
                .statusCode(401);
    }
}
