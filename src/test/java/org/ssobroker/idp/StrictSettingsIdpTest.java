package org.ssobroker.idp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * Rules that depend on the settings, as in prod: plain-http IdP URLs refused, private addresses
 * refused (before any connection), a public base URL with a port warned about, HSTS over https.
 */
@QuarkusTest
@TestProfile(StrictSettingsIdpTest.PortAndHttpsOnly.class)
class StrictSettingsIdpTest {

    public static class PortAndHttpsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sso-broker.public-base-url", "https://sso.example.test:8443",
                    "sso-broker.insecure-allow-http", "false",
                    "sso-broker.outbound.allow-private-addresses", "false");
        }
    }

    @Test
    void aPublicBaseUrlWithAPortIsWarnedAboutAndKeptInTheCallbackUrl() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201)
                .body("callbackUrl", equalTo("https://sso.example.test:8443/site/" + site + "/login/oauth2/code/cognito"))
                .body("warnings", hasItem(containsString("port 8443")));
    }

    @Test
    void plainHttpIdpUrlsAreRefused() {
        String site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ((ObjectNode) doc.get("oidc")).put("configUrl", "http://localhost:8089/.well-known/openid-configuration");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/local")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("oidc.configUrl"))
                .body("errors[0].message", equalTo("must use https"));
    }

    @Test
    void privateAndLoopbackAddressesAreRefusedAtSaveNamingTheRule() {
        String site = newSiteWithCatalogs();
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", "https://10.0.0.5/.well-known/openid-configuration");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/internal")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("oidc.configUrl"))
                .body("errors[0].message", equalTo("10.0.0.5 is a private address"));
        oidc.remove("configUrl");
        oidc.put("issuer", "https://idp.example.com");
        oidc.put("authorizationUrl", "https://idp.example.com/authorize");
        oidc.put("tokenUrl", "https://127.0.0.1/token");
        oidc.put("jwksUri", "https://[fd12::1]/jwks");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/internal")
                .then().statusCode(422)
                .body("errors.find { it.field == 'oidc.tokenUrl' }.message", equalTo("127.0.0.1 is a loopback address"))
                .body("errors.find { it.field == 'oidc.jwksUri' }.message",
                        equalTo("fd12:0:0:0:0:0:0:1 is a private address"));
        asPlatform().get("/api/sites/" + site + "/idps/internal").then().statusCode(404);
    }

    @Test
    void anHttpsPublicBaseUrlSendsHsts() {
        io.restassured.RestAssured.given().get("/api/sites").then()
                .header("Strict-Transport-Security", equalTo("max-age=31536000; includeSubDomains"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}
