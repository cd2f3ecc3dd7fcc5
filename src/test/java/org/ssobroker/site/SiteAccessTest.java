package org.ssobroker.site;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.ssobroker.security.SigningKeys;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.as;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newClientApp;
import static org.ssobroker.support.TestApi.newSite;
import static org.ssobroker.support.TestApi.token;

/** Who may call the admin API: site admins on their own site only, the platform admin everywhere. */
@QuarkusTest
class SiteAccessTest {

    @Inject
    SigningKeys keys;

    @Test
    void aSiteAdminTokenManagesItsSiteAndIsRefusedOnAnother() {
        String siteA = newSite();
        String siteB = newSite();
        String tokenA = token("admin-" + siteA, newClientApp(siteA, "admin-" + siteA,
                List.of("site_" + siteA + "_admin"), List.of("client_credentials")));

        as(tokenA).get("/api/sites/" + siteA).then().statusCode(200).body("key", equalTo(siteA));
        as(tokenA).body(Map.of("name", "Renamed")).put("/api/sites/" + siteA).then().statusCode(200)
                .body("name", equalTo("Renamed"));
        as(tokenA).body(Map.of("title", "Main")).put("/api/sites/" + siteA + "/login-urls/main")
                .then().statusCode(201);

        as(tokenA).get("/api/sites/" + siteB).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("site_" + siteB + "_admin"));
        as(tokenA).get("/api/sites/" + siteB + "/idps").then().statusCode(403);
        as(tokenA).body(Map.of("title", "x")).put("/api/sites/" + siteB + "/login-urls/main").then().statusCode(403);
        as(tokenA).get("/api/sites/" + siteB + "/users").then().statusCode(403);
        as(tokenA).body(Map.of("scopes", List.of("site_" + siteB + "_admin")))
                .put("/api/sites/" + siteB + "/client-apps/sneaky").then().statusCode(403);
    }

    @Test
    void onlyThePlatformAdminCreatesListsAndDeletesSites() {
        String site = newSite();
        String token = token("admin-" + site, newClientApp(site, "admin-" + site,
                List.of("site_" + site + "_admin"), List.of("client_credentials")));

        as(token).body(Map.of("name", "Mine")).put("/api/sites/new-" + site).then().statusCode(403);
        as(token).get("/api/sites").then().statusCode(403);
        as(token).delete("/api/sites/" + site).then().statusCode(403);
        asPlatform().get("/api/sites").then().statusCode(200).body("key", org.hamcrest.Matchers.hasItem(site));
    }

    @Test
    void aTokenWithoutAdminScopeIsRefused() {
        String site = newSite();
        String token = token("app-" + site, newClientApp(site, "app-" + site,
                List.of("site_" + site + "_internalApi"), List.of("client_credentials")));
        as(token).get("/api/sites/" + site).then().statusCode(403);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() throws Exception {
        String site = newSite();
        given().get("/api/sites/" + site).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        as("not-a-jwt").get("/api/sites/" + site).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));

        long now = System.currentTimeMillis() / 1000;
        String expired = sign(Map.of("iss", org.ssobroker.support.TestApi.publicBase(), "sub", "platform-admin",
                "scope", "platform_admin", "jti", "x", "iat", 1_000_000L, "exp", 1_000_100L), keys.privateKey());
        as(expired).get("/api/sites/" + site).then().statusCode(401);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = sign(Map.of("iss", org.ssobroker.support.TestApi.publicBase(), "sub", "platform-admin",
                "scope", "platform_admin", "jti", "x", "iat", now, "exp", now + 300),
                generator.generateKeyPair().getPrivate());
        as(foreign).get("/api/sites/" + site).then().statusCode(401);

        String otherIssuer = sign(Map.of("iss", "https://evil.example", "sub", "platform-admin",
                "scope", "platform_admin", "jti", "x", "iat", now, "exp", now + 300), keys.privateKey());
        as(otherIssuer).get("/api/sites/" + site).then().statusCode(401);
    }

    private String sign(Map<String, Object> claims, PrivateKey key) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keys.keyId());
        jws.setKey(key);
        return jws.getCompactSerialization();
    }
}
