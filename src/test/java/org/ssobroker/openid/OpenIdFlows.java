package org.ssobroker.openid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.ssobroker.support.FakeIdp;

import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;

/** Drives a site's OpenID Provider like an app would: authorize in a browser, then the token endpoint. */
final class OpenIdFlows {

    /** The sites' issuers start here: the test profile's public base URL. */
    static String issuerBase() {
        return org.ssobroker.support.TestApi.publicBase() + "/site/";
    }
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenIdFlows() {
    }

    static ObjectNode idpDocument(FakeIdp idp) {
        ObjectNode doc = cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        oidc.put("scopes", "openid email profile");
        return doc;
    }

    static Map<String, Object> claims(String email) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "sub-" + email);
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("given_name", "John");
        claims.put("family_name", "Doe");
        claims.put("name", "John Doe");
        claims.put("cognito:groups", List.of("OPS"));
        claims.put("custom:access_Right_AWS", "Agency");
        claims.put("custom:aws_id", "66");
        return claims;
    }

    /** Registers an app; returns its secret (null for a public client). */
    static String registerApp(String site, String clientId, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scopes", List.of("openid", "profile", "email", "groups"));
        body.put("grantTypes", List.of("authorization_code", "refresh_token"));
        body.putAll(extra);
        return asPlatform().body(body).put("/api/sites/" + site + "/client-apps/" + clientId)
                .then().statusCode(201).extract().path("clientSecret");
    }

    static WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setRedirectEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setJavaScriptEnabled(false);
        return browser;
    }

    /**
     * Opens {@code start} and follows redirects (and a login page's only button, or a first-login
     * message's continue link) until the browser would leave for {@code appUrl}; that address.
     */
    static String until(WebClient browser, URL start, String appUrl) throws Exception {
        Page page = browser.getPage(start);
        for (int i = 0; i < 15; i++) {
            String location = page.getWebResponse().getResponseHeaderValue("Location");
            if (location == null && page instanceof HtmlPage html) {
                if (html.getElementById("continue") instanceof org.htmlunit.html.HtmlAnchor next) {
                    location = next.getHrefAttribute();
                } else if (!html.getByXPath("//a[@class='button']").isEmpty()) {
                    location = ((org.htmlunit.html.HtmlAnchor) html.getByXPath("//a[@class='button']").get(0))
                            .getHrefAttribute();
                }
            }
            if (location == null) {
                throw new AssertionError("stopped at " + page.getUrl() + " with status "
                        + page.getWebResponse().getStatusCode() + ": " + page.getWebResponse().getContentAsString());
            }
            if (location.startsWith(appUrl)) {
                return location;
            }
            page = browser.getPage(new URL(page.getUrl(), location));
        }
        throw new AssertionError("too many redirects");
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static Response redeem(String clientId, String secret, String code, String redirectUri, String verifier) {
        var request = given().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", redirectUri);
        if (secret != null) {
            request = request.auth().preemptive().basic(clientId, secret);
        } else {
            request = request.formParam("client_id", clientId);
        }
        if (verifier != null) {
            request = request.formParam("code_verifier", verifier);
        }
        return request.post("/oauth/token");
    }

    /** Verifies a JWT signed by the site: signature against the site's JWKS (by kid), issuer, audience. */
    static JwtClaims verify(String site, String jwt, String audience) throws Exception {
        String jwks = given().get("/site/" + site + "/jwks").then().statusCode(200).extract().asString();
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(issuerBase() + site)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .build()
                .processToClaims(jwt);
    }
}
