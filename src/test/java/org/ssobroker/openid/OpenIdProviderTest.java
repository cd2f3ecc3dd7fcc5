package org.ssobroker.openid;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.WebClient;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestClock;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.ssobroker.openid.OpenIdFlows.issuerBase;
import static org.ssobroker.openid.OpenIdFlows.browser;
import static org.ssobroker.openid.OpenIdFlows.challenge;
import static org.ssobroker.openid.OpenIdFlows.claims;
import static org.ssobroker.openid.OpenIdFlows.encode;
import static org.ssobroker.openid.OpenIdFlows.query;
import static org.ssobroker.openid.OpenIdFlows.redeem;
import static org.ssobroker.openid.OpenIdFlows.registerApp;
import static org.ssobroker.openid.OpenIdFlows.until;
import static org.ssobroker.openid.OpenIdFlows.verifier;
import static org.ssobroker.openid.OpenIdFlows.verify;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * Each site as an OpenID Provider, mirroring the OpenID Foundation's Basic OP certification
 * cases (oidcc-basic-certification-test-plan) named in each test, plus PKCE and code injection.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenIdProviderTest {

    @TestHTTPResource("/")
    URL broker;

    @jakarta.inject.Inject
    org.ssobroker.token.ExpiredGrantsCleanup cleanup;

    @jakarta.inject.Inject
    TestClock clock;

    FakeIdp idp;
    String site;
    String app;
    String appUrl;
    String secret;

    @BeforeEach
    void setUp() {
        if (idp == null) {
            idp = FakeIdp.start();
        }
        idp.reset();
        site = newSiteWithCatalogs();
        asPlatform().body(OpenIdFlows.idpDocument(idp)).put("/api/sites/" + site + "/idps/cognito")
                .then().statusCode(201);
        app = "app-" + site;
        appUrl = idp.issuer() + "/app/callback";
        secret = registerApp(site, app, Map.of("redirectUris", List.of(appUrl),
                "postLogoutRedirectUris", List.of(appUrl + "/signed-out")));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    private URL authorize(String clientId, String params) throws Exception {
        return new URL(broker, "/site/" + site + "/authorize?client_id=" + encode(clientId) + "&redirect_uri="
                + encode(appUrl) + params);
    }

    /** A full sign-in: the address the browser is sent back to. */
    private String signIn(String clientId, String params) throws Exception {
        idp.nextLogin(claims("john@encode.dk"));
        try (WebClient browser = browser()) {
            return until(browser, authorize(clientId, params), appUrl);
        }
    }

    private String codeFor(String clientId, String params) throws Exception {
        Map<String, String> answer = query(signIn(clientId, params));
        assertThat(answer).containsKey("code");
        return answer.get("code");
    }

    // ------------------------------------------------------------------ discovery

    @Test
    void discoveryListsTheEndpointsAndTheSiteJwksHoldsTheSigningKey() {
        String issuer = issuerBase() + site;
        given().get("/site/" + site + "/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("authorization_endpoint", equalTo(issuer + "/authorize"))
                .body("token_endpoint", equalTo(org.ssobroker.support.TestApi.publicBase() + "/oauth/token"))
                .body("userinfo_endpoint", equalTo(issuer + "/userinfo"))
                .body("jwks_uri", equalTo(issuer + "/jwks"))
                .body("end_session_endpoint", equalTo(issuer + "/logout"))
                .body("response_types_supported", contains("code"))
                .body("code_challenge_methods_supported", contains("S256"))
                .body("id_token_signing_alg_values_supported", contains("RS256"))
                .body("scopes_supported", hasItem("openid"))
                .body("claims_supported", hasItem("email"))
                .body("authorization_response_iss_parameter_supported", equalTo(true));
        given().get("/site/" + site + "/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].kid", notNullValue());
        given().get("/site/no-such-site/.well-known/openid-configuration").then().statusCode(404);
    }

    // ------------------------------------------------------------------ oidcc-server, id_token, nonce, scopes

    @Test
    void oidccServerCodeFlowGivesCodeStateIssAndAVerifiableIdToken() throws Exception {
        String landed = signIn(app, "&response_type=code&scope=openid%20profile%20email&state=s-1&nonce=n-1");
        Map<String, String> answer = query(landed);
        assertThat(answer).containsEntry("state", "s-1").containsEntry("iss", issuerBase() + site).containsKey("code");

        io.restassured.response.Response token = redeem(app, secret, answer.get("code"), appUrl, null);
        token.then().statusCode(200).body("token_type", equalTo("Bearer")).body("access_token", notNullValue())
                .body("expires_in", notNullValue()).body("refresh_token", notNullValue())
                .body("scope", equalTo("openid profile email"));
        String idToken = token.path("id_token");
        // oidcc-id-token-signature and oidcc-id-token-kid: RS256 with the kid of the site's JWKS
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(idToken);
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(
                given().get("/site/" + site + "/jwks").then().extract().path("keys[0].kid"));
        JwtClaims claims = verify(site, idToken, app);
        String userId = asPlatform().get("/api/sites/" + site + "/users").then().extract().path("[0].id");
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringClaimValue("azp")).isEqualTo(app);
        assertThat(claims.getStringClaimValue("nonce")).isEqualTo("n-1");
        assertThat(claims.getClaimValue("auth_time")).isNotNull();
        assertThat(claims.getIssuedAt()).isNotNull();
        assertThat(claims.getStringClaimValue("email")).isEqualTo("john@encode.dk");
        assertThat(claims.getClaimValue("email_verified")).isEqualTo(true);
        assertThat(claims.getStringClaimValue("name")).isEqualTo("John Doe");
        assertThat(claims.getStringClaimValue("given_name")).isEqualTo("John");
        assertThat(claims.getStringClaimValue("family_name")).isEqualTo("Doe");
        assertThat(claims.hasClaim("groups")).isFalse();
    }

    @Test
    void oidccScopesEachScopeAddsItsClaimsOnly() throws Exception {
        String code = codeFor(app, "&response_type=code&scope=openid");
        JwtClaims bare = verify(site, redeem(app, secret, code, appUrl, null).path("id_token"), app);
        assertThat(bare.hasClaim("email")).isFalse();
        assertThat(bare.hasClaim("name")).isFalse();
        assertThat(bare.hasClaim("nonce")).isFalse();

        code = codeFor(app, "&response_type=code&scope=openid%20email");
        JwtClaims email = verify(site, redeem(app, secret, code, appUrl, null).path("id_token"), app);
        assertThat(email.getStringClaimValue("email")).isEqualTo("john@encode.dk");
        assertThat(email.hasClaim("name")).isFalse();

        code = codeFor(app, "&response_type=code&scope=openid%20groups%20unknown-scope");
        io.restassured.response.Response groups = redeem(app, secret, code, appUrl, null);
        groups.then().body("scope", equalTo("openid groups"));
        JwtClaims withGroups = verify(site, groups.path("id_token"), app);
        assertThat(withGroups.getStringClaimValue("access_right")).isEqualTo("Agency User");
        assertThat(withGroups.getStringListClaimValue("groups")).contains("Operations", "Everyone");

        // A scope the client app does not hold is not granted.
        String narrow = "narrow-" + site;
        String narrowSecret = registerApp(site, narrow, Map.of("scopes", List.of("openid", "email"),
                "redirectUris", List.of(appUrl)));
        code = codeFor(narrow, "&response_type=code&scope=openid%20email%20groups");
        redeem(narrow, narrowSecret, code, appUrl, null).then().statusCode(200).body("scope", equalTo("openid email"));
    }

    @Test
    void oidccCodeflowClientSecretPostIsAccepted() throws Exception {
        String code = codeFor(app, "&response_type=code&scope=openid");
        given().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", appUrl).formParam("client_id", app).formParam("client_secret", secret)
                .post("/oauth/token").then().statusCode(200).body("id_token", notNullValue());
    }

    // ------------------------------------------------------------------ authorization errors

    @Test
    void oidccResponseTypeMissingOrUnsupportedIsAnErrorRedirectWithState() throws Exception {
        try (WebClient browser = browser()) {
            String missing = browser.getPage(authorize(app, "&scope=openid&state=st"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(query(missing)).containsEntry("error", "invalid_request").containsEntry("state", "st")
                    .containsEntry("iss", issuerBase() + site);
            String token = browser.getPage(authorize(app, "&response_type=token&scope=openid&state=st"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(token).startsWith(appUrl);
            assertThat(query(token)).containsEntry("error", "unsupported_response_type").containsEntry("state", "st");
            String noOpenId = browser.getPage(authorize(app, "&response_type=code&scope=email&state=st"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(query(noOpenId)).containsEntry("error", "invalid_scope");
        }
        assertThat(idp.lastAuthorizeRequest()).isEmpty();
    }

    @Test
    void oidccEnsureRegisteredRedirectUriAndKnownClientEndOnAnErrorPageNeverARedirect() throws Exception {
        try (WebClient browser = browser()) {
            org.htmlunit.Page wrongRedirect = browser.getPage(new URL(broker, "/site/" + site + "/authorize?client_id="
                    + app + "&response_type=code&scope=openid&redirect_uri=" + encode("https://evil.example/cb")));
            assertThat(wrongRedirect.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(wrongRedirect.getWebResponse().getResponseHeaderValue("Location")).isNull();
            org.htmlunit.Page unknown = browser.getPage(authorize("nobody", "&response_type=code&scope=openid"));
            assertThat(unknown.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(unknown.getWebResponse().getResponseHeaderValue("Location")).isNull();
            // A client of another site is unknown here.
            String other = newSiteWithCatalogs();
            registerApp(other, "app-" + other, Map.of("redirectUris", List.of(appUrl)));
            org.htmlunit.Page foreign = browser.getPage(authorize("app-" + other, "&response_type=code&scope=openid"));
            assertThat(foreign.getWebResponse().getStatusCode()).isEqualTo(400);
        }
        assertThat(idp.lastAuthorizeRequest()).isEmpty();
    }

    @Test
    void oidccPromptNoneAnswersLoginRequiredAndPromptLoginSignsIn() throws Exception {
        try (WebClient browser = browser()) {
            String none = browser.getPage(authorize(app, "&response_type=code&scope=openid&prompt=none&state=p"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(query(none)).containsEntry("error", "login_required").containsEntry("state", "p");
        }
        assertThat(idp.lastAuthorizeRequest()).isEmpty();
        String code = codeFor(app, "&response_type=code&scope=openid&prompt=login");
        redeem(app, secret, code, appUrl, null).then().statusCode(200);
    }

    @Test
    void anAuthorizationRequestMayBePostedAndAMissingRedirectUriIsAnErrorPage() throws Exception {
        given().redirects().follow(false).formParam("client_id", app).formParam("redirect_uri", appUrl)
                .formParam("response_type", "code").formParam("scope", "openid").formParam("idp_hint", "cognito")
                .post("/site/" + site + "/authorize").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("/oauth2/authorization/cognito?authz="));
        given().redirects().follow(false).queryParam("client_id", app).queryParam("response_type", "code")
                .queryParam("scope", "openid").get("/site/" + site + "/authorize").then().statusCode(400)
                .header("Location", nullValue());
    }

    @Test
    void idTokensAreRs256AndNoAppMayAskForEs256WithoutTheBrokersEcKey() {
        given().get("/site/" + site + "/.well-known/openid-configuration").then().statusCode(200)
                .body("id_token_signing_alg_values_supported", contains("RS256"));
        asPlatform().get("/api/sites/" + site + "/client-apps/" + app).then()
                .body("idTokenSignedResponseAlg", equalTo("RS256"));
        asPlatform().body(Map.of("scopes", List.of("openid"), "grantTypes", List.of("authorization_code"),
                        "redirectUris", List.of(appUrl), "idTokenSignedResponseAlg", "ES256"))
                .put("/api/sites/" + site + "/client-apps/ec-" + site).then().statusCode(422)
                .body("errors[0].field", equalTo("idTokenSignedResponseAlg"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("ec-signing-key"));
        asPlatform().get("/api/sites/" + site + "/client-apps/ec-" + site).then().statusCode(404);
    }

    @Test
    void anIdpRefusalGoesBackToTheAppAsAccessDeniedWithState() throws Exception {
        idp.failAuthorize("access_denied", "User cancelled the login");
        String landed;
        try (WebClient browser = browser()) {
            landed = until(browser, authorize(app, "&response_type=code&scope=openid&state=c1&idp_hint=cognito"),
                    appUrl);
        }
        assertThat(query(landed)).containsEntry("error", "access_denied").containsEntry("state", "c1")
                .containsEntry("iss", issuerBase() + site).doesNotContainKey("code");
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    // ------------------------------------------------------------------ code reuse, refresh

    @Test
    void oidccCodeReuseIsRefusedAndRevokesTheTokensFirstIssued() throws Exception {
        String code = codeFor(app, "&response_type=code&scope=openid%20email");
        io.restassured.response.Response first = redeem(app, secret, code, appUrl, null);
        first.then().statusCode(200);
        String access = first.path("access_token");
        String refresh = first.path("refresh_token");
        given().auth().oauth2(access).get("/site/" + site + "/userinfo").then().statusCode(200);

        redeem(app, secret, code, appUrl, null).then().statusCode(400).body("error", equalTo("invalid_grant"));

        given().auth().oauth2(access).get("/site/" + site + "/userinfo").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth().preemptive().basic(app, secret).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refresh).post("/oauth/token").then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void aRedeemedCodeOutlivesTheCleanupWhileItsAccessTokenLivesSoAReplayStillRevokes() throws Exception {
        String code = codeFor(app, "&response_type=code&scope=openid");
        String access = redeem(app, secret, code, appUrl, null).path("access_token");
        clock.advance(Duration.ofMinutes(2)); // past the code's minute, within its access token's hours
        cleanup.run();
        assertThat(org.ssobroker.support.TestDb.number("select count(*) from authorization_code where site_key = ?",
                site)).isEqualTo(1);
        redeem(app, secret, code, appUrl, null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(access).get("/site/" + site + "/userinfo").then().statusCode(401);
        clock.advance(Duration.ofHours(5)); // past the access token's lifetime (4 h)
        cleanup.run();
        assertThat(org.ssobroker.support.TestDb.number("select count(*) from authorization_code where site_key = ?",
                site)).isZero();
    }

    @Test
    void oidccRefreshTokenGivesANewAccessTokenForUserinfo() throws Exception {
        String code = codeFor(app, "&response_type=code&scope=openid%20email");
        String refresh = redeem(app, secret, code, appUrl, null).path("refresh_token");
        io.restassured.response.Response refreshed = given().auth().preemptive().basic(app, secret)
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refresh).post("/oauth/token");
        refreshed.then().statusCode(200).body("scope", equalTo("openid email")).body("token_type", equalTo("Bearer"));
        String access = refreshed.path("access_token");
        // OIDC Core 12.2: a new id_token for the same user and app, without a nonce.
        JwtClaims again = verify(site, refreshed.path("id_token"), app);
        assertThat(again.getSubject()).isEqualTo(
                asPlatform().get("/api/sites/" + site + "/users").then().extract().<String>path("[0].id"));
        assertThat(again.hasClaim("nonce")).isFalse();
        assertThat(again.getStringClaimValue("email")).isEqualTo("john@encode.dk");
        given().auth().oauth2(access).get("/site/" + site + "/userinfo").then().statusCode(200)
                .body("email", equalTo("john@encode.dk"));
    }

    @Test
    void withoutTheRefreshGrantNoRefreshTokenIsIssued() throws Exception {
        String plain = "plain-" + site;
        String plainSecret = registerApp(site, plain, Map.of("grantTypes", List.of("authorization_code"),
                "redirectUris", List.of(appUrl)));
        String code = codeFor(plain, "&response_type=code&scope=openid");
        redeem(plain, plainSecret, code, appUrl, null).then().statusCode(200)
                .body("refresh_token", nullValue()).body("id_token", notNullValue());
    }

    // ------------------------------------------------------------------ userinfo

    @Test
    void oidccUserinfoByHeaderAndByPostBody() throws Exception {
        String code = codeFor(app, "&response_type=code&scope=openid%20profile");
        String access = redeem(app, secret, code, appUrl, null).path("access_token");
        String userId = asPlatform().get("/api/sites/" + site + "/users").then().extract().path("[0].id");
        given().auth().oauth2(access).get("/site/" + site + "/userinfo").then().statusCode(200)
                .contentType("application/json").body("sub", equalTo(userId)).body("name", equalTo("John Doe"))
                .body("email", nullValue());
        given().auth().oauth2(access).post("/site/" + site + "/userinfo").then().statusCode(200)
                .body("sub", equalTo(userId));
        given().formParam("access_token", access).post("/site/" + site + "/userinfo").then().statusCode(200)
                .body("sub", equalTo(userId));
        given().get("/site/" + site + "/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        given().auth().oauth2("not-a-token").get("/site/" + site + "/userinfo").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        // Another site's userinfo does not take this site's token.
        String other = newSiteWithCatalogs();
        given().auth().oauth2(access).get("/site/" + other + "/userinfo").then().statusCode(401);
        // A token without openid (client_credentials) is refused.
        String internal = org.ssobroker.support.TestApi.token(
                "int-" + site, org.ssobroker.support.TestApi.newClientApp(site, "int-" + site,
                        List.of("site_" + site + "_internalApi"), List.of("client_credentials")));
        given().auth().oauth2(internal).get("/site/" + site + "/userinfo").then().statusCode(401);
    }

    // ------------------------------------------------------------------ PKCE and code injection

    @Test
    void aPublicClientMustUsePkceAndAuthenticatesWithItAlone() throws Exception {
        String pub = "spa-" + site;
        String none = registerApp(site, pub, Map.of("public", true, "redirectUris", List.of(appUrl)));
        assertThat(none).isNull();
        try (WebClient browser = browser()) {
            String refused = browser.getPage(authorize(pub, "&response_type=code&scope=openid&state=x"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(query(refused)).containsEntry("error", "invalid_request").containsEntry("state", "x");
            String plain = browser.getPage(authorize(pub, "&response_type=code&scope=openid&code_challenge="
                    + challenge(verifier()) + "&code_challenge_method=plain")).getWebResponse()
                    .getResponseHeaderValue("Location");
            assertThat(query(plain)).containsEntry("error", "invalid_request");
        }
        String verifier = verifier();
        String code = codeFor(pub, "&response_type=code&scope=openid&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256");
        redeem(pub, null, code, appUrl, null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(pub, null, code, appUrl, verifier()).then().statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(pub, null, code, appUrl, verifier).then().statusCode(200).body("id_token", notNullValue());
        // A public client cannot use client_credentials.
        given().formParam("grant_type", "client_credentials").formParam("client_id", pub).post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aCodeInjectedIntoAnotherFlowIsRefused() throws Exception {
        // The victim's flow: a confidential client honouring PKCE.
        String victimVerifier = verifier();
        String code = codeFor(app, "&response_type=code&scope=openid&code_challenge=" + challenge(victimVerifier)
                + "&code_challenge_method=S256");
        // The attacker's session uses its own verifier: refused.
        redeem(app, secret, code, appUrl, verifier()).then().statusCode(400).body("error", equalTo("invalid_grant"));
        // Another client of the site, holding the same redirect URI: refused.
        String other = "other-" + site;
        String otherSecret = registerApp(site, other, Map.of("redirectUris", List.of(appUrl)));
        redeem(other, otherSecret, code, appUrl, victimVerifier).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        // Another redirect URI: refused.
        redeem(app, secret, code, appUrl + "/other", victimVerifier).then().statusCode(400);
        // Failed attempts do not burn the code for its real owner.
        redeem(app, secret, code, appUrl, victimVerifier).then().statusCode(200);
    }

    // ------------------------------------------------------------------ routing

    @Test
    void idpHintGoesStraightToTheIdpAndLoginHintRoutesByDomainElseTheLoginPage() throws Exception {
        try (WebClient browser = browser()) {
            String hinted = browser.getPage(authorize(app, "&response_type=code&scope=openid&idp_hint=cognito"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(hinted).contains("/site/" + site + "/oauth2/authorization/cognito?authz=");
            String byDomain = browser.getPage(authorize(app,
                    "&response_type=code&scope=openid&login_hint=" + encode("ann@encode.dk")))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(byDomain).contains("/site/" + site + "/oauth2/authorization/cognito?authz=");
            String page = browser.getPage(authorize(app, "&response_type=code&scope=openid"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(page).contains("/site/" + site + "/login/main?authz=");
            String unknownHint = browser.getPage(authorize(app, "&response_type=code&scope=openid&idp_hint=nope"))
                    .getWebResponse().getResponseHeaderValue("Location");
            assertThat(query(unknownHint)).containsEntry("error", "invalid_request");
            // A tampered authz is refused and nothing starts at the IdP.
            org.htmlunit.Page tampered = browser.getPage(new URL(broker, "/site/" + site
                    + "/oauth2/authorization/cognito?authz=v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
            assertThat(tampered.getWebResponse().getStatusCode()).isEqualTo(400);
        }
        assertThat(idp.lastAuthorizeRequest()).isEmpty();
    }

    // ------------------------------------------------------------------ logout

    @Test
    void logoutRedirectsOnlyToARegisteredUriWithState() throws Exception {
        String code = codeFor(app, "&response_type=code&scope=openid");
        String idToken = redeem(app, secret, code, appUrl, null).path("id_token");
        given().redirects().follow(false).queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", appUrl + "/signed-out").queryParam("state", "bye")
                .get("/site/" + site + "/logout").then().statusCode(303)
                .header("Location", equalTo(appUrl + "/signed-out?state=bye"));
        given().redirects().follow(false).queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", "https://evil.example/").get("/site/" + site + "/logout")
                .then().statusCode(400).header("Location", nullValue());
        given().redirects().follow(false).queryParam("id_token_hint", idp.signIdToken(idp.standardClaims(Map.of())))
                .get("/site/" + site + "/logout").then().statusCode(400);
        given().redirects().follow(false).get("/site/" + site + "/logout").then().statusCode(200);
    }

    // ------------------------------------------------------------------ the pre-OpenID flow

    @Test
    void theAuthorizationBaseUrlEchoesStateAddsIssAndBindsTheCodeToClientId() throws Exception {
        asPlatform().body(OpenIdFlows.idpDocument(idp).put("nameId", "cognito")
                        .set("allowedRedirectUrls", org.ssobroker.support.TestApi.JSON.valueToTree(List.of(appUrl))))
                .put("/api/sites/" + site + "/idps/cognito").then().statusCode(200);
        String other = "other-" + site;
        String otherSecret = registerApp(site, other, Map.of("redirectUris", List.of(appUrl)));
        idp.nextLogin(claims("john@encode.dk"));
        String landed;
        try (WebClient browser = browser()) {
            landed = until(browser, new URL(broker, "/site/" + site + "/oauth2/authorization/cognito?redirect_uri="
                    + encode(appUrl) + "&state=legacy-1&client_id=" + app), appUrl);
        }
        Map<String, String> answer = query(landed);
        assertThat(answer).containsEntry("state", "legacy-1").containsEntry("iss", issuerBase() + site);
        redeem(other, otherSecret, answer.get("code"), appUrl, null).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        redeem(app, secret, answer.get("code"), appUrl, null).then().statusCode(200)
                .body("scope", equalTo("site_" + site + "_internalApi"));
        try (WebClient browser = browser()) {
            org.htmlunit.Page unknown = browser.getPage(new URL(broker, "/site/" + site
                    + "/oauth2/authorization/cognito?redirect_uri=" + encode(appUrl) + "&client_id=nobody"));
            assertThat(unknown.getWebResponse().getStatusCode()).isEqualTo(400);
        }
    }
}
