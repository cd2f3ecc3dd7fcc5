package org.ssobroker.support;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the fake IdP by hand, the way a browser and quarkus-oidc would. */
class FakeIdpTest {

    private static final String CALLBACK = "http://localhost:8081/login/callback";
    // The RFC 7636 appendix B example pair
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    // Never follows redirects (the default), so each 302 can be inspected.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeIdp idp;

    @BeforeEach
    void start() {
        idp = FakeIdp.start();
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void discoveryDocument() throws Exception {
        HttpResponse<String> response = get(idp.configUrl(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> doc = JsonUtil.parseJson(response.body());
        assertThat(idp.issuer()).isEqualTo("http://localhost:" + idp.port());
        assertThat(doc).containsEntry("issuer", idp.issuer())
                .containsEntry("authorization_endpoint", idp.issuer() + "/authorize")
                .containsEntry("token_endpoint", idp.issuer() + "/token")
                .containsEntry("jwks_uri", idp.issuer() + "/jwks")
                .containsEntry("userinfo_endpoint", idp.issuer() + "/userinfo")
                .containsEntry("response_types_supported", List.of("code"))
                .containsEntry("subject_types_supported", List.of("public"))
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("token_endpoint_auth_methods_supported",
                        List.of("client_secret_basic", "client_secret_post"))
                .containsKey("scopes_supported");
        assertThat(idp.authorizationUrl()).isEqualTo(doc.get("authorization_endpoint"));
        assertThat(idp.tokenUrl()).isEqualTo(doc.get("token_endpoint"));
        assertThat(idp.jwksUri()).isEqualTo(doc.get("jwks_uri"));
        assertThat(idp.userInfoUrl()).isEqualTo(doc.get("userinfo_endpoint"));
    }

    @Test
    void fullCodeFlowWithPkce() throws Exception {
        idp.nextLogin(Map.of("email", "alice@example.com", "cognito:groups", List.of("admins", "staff")));

        HttpResponse<String> authorize = get(authorizeUrl("state-1", "nonce-1", CHALLENGE), null);

        assertThat(authorize.statusCode()).isEqualTo(302);
        String location = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?");
        Map<String, String> back = FakeIdp.parseForm(URI.create(location).getRawQuery());
        assertThat(back).containsEntry("state", "state-1").containsKey("code");
        assertThat(idp.lastAuthorizeRequest())
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "broker-client")
                .containsEntry("redirect_uri", CALLBACK)
                .containsEntry("scope", "openid email")
                .containsEntry("nonce", "nonce-1")
                .containsEntry("code_challenge", CHALLENGE)
                .containsEntry("code_challenge_method", "S256");

        HttpResponse<String> token = postToken(basic("broker-client", "broker-secret"),
                tokenForm(back.get("code"), VERIFIER));

        assertThat(token.statusCode()).isEqualTo(200);
        Map<String, Object> body = JsonUtil.parseJson(token.body());
        assertThat(body).containsEntry("token_type", "Bearer")
                .containsEntry("expires_in", 300L)
                .containsEntry("scope", "openid email")
                .containsKeys("access_token", "id_token");
        JwtClaims claims = verify((String) body.get("id_token"));
        assertThat(claims.getIssuer()).isEqualTo(idp.issuer());
        assertThat(claims.getAudience()).containsExactly("broker-client");
        assertThat(claims.getSubject()).isEqualTo("alice@example.com");
        assertThat(claims.getStringClaimValue("nonce")).isEqualTo("nonce-1");
        assertThat(claims.getStringListClaimValue("cognito:groups")).containsExactly("admins", "staff");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300);
        assertThat(header((String) body.get("id_token"))).containsEntry("kid", "k1").containsEntry("alg", "RS256");

        assertThat(idp.tokenRequests()).isEqualTo(1);
        assertThat(idp.lastTokenRequest())
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("code", back.get("code"))
                .containsEntry("redirect_uri", CALLBACK)
                .containsEntry("code_verifier", VERIFIER)
                .containsEntry("authorization", basic("broker-client", "broker-secret"));

        HttpResponse<String> userInfo = get(idp.userInfoUrl(), "Bearer " + body.get("access_token"));
        assertThat(userInfo.statusCode()).isEqualTo(200);
        assertThat(JsonUtil.parseJson(userInfo.body())).isEqualTo(Map.of("sub", "alice@example.com"));
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        String code = login("s", "n", CHALLENGE);
        assertThat(postToken(basic("broker-client", "broker-secret"), tokenForm(code, VERIFIER)).statusCode())
                .isEqualTo(200);

        HttpResponse<String> again = postToken(basic("broker-client", "broker-secret"), tokenForm(code, VERIFIER));

        assertOAuthError(again, 400, "invalid_grant");
        assertThat(idp.tokenRequests()).isEqualTo(2);
    }

    @Test
    void wrongVerifierOrRedirectUriIsInvalidGrant() throws Exception {
        HttpResponse<String> wrongVerifier = postToken(basic("broker-client", "broker-secret"),
                tokenForm(login("s", "n", CHALLENGE), "not-the-verifier-not-the-verifier-not-the-ver"));
        assertOAuthError(wrongVerifier, 400, "invalid_grant");

        HttpResponse<String> noVerifier = postToken(basic("broker-client", "broker-secret"),
                tokenForm(login("s", "n", CHALLENGE), null));
        assertOAuthError(noVerifier, 400, "invalid_grant");

        Map<String, String> otherRedirect = tokenForm(login("s", "n", CHALLENGE), VERIFIER);
        otherRedirect.put("redirect_uri", "http://localhost:8081/elsewhere");
        assertOAuthError(postToken(basic("broker-client", "broker-secret"), otherRedirect), 400, "invalid_grant");
    }

    @Test
    void clientAuthentication() throws Exception {
        HttpResponse<String> wrongSecret = postToken(basic("broker-client", "wrong"),
                tokenForm(login("s", "n", null), null));
        assertOAuthError(wrongSecret, 401, "invalid_client");
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).isPresent();

        assertOAuthError(postToken(null, tokenForm(login("s", "n", null), null)), 401, "invalid_client");

        // client_secret_post, with other credentials
        idp.client("app", "s3cret+/=");
        Map<String, String> form = tokenForm(login("s", "n", null), null);
        form.put("client_id", "app");
        form.put("client_secret", "s3cret+/=");
        HttpResponse<String> posted = postToken(null, form);
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(verify((String) JsonUtil.parseJson(posted.body()).get("id_token")).getAudience())
                .containsExactly("app");
        assertThat(idp.lastTokenRequest()).containsEntry("client_id", "app").doesNotContainKey("authorization");
    }

    @Test
    void unknownClientGetsAnErrorPageNotARedirect() throws Exception {
        String url = authorizeUrl("s", "n", null).replace("client_id=broker-client", "client_id=%3Cintruder%3E");

        HttpResponse<String> response = get(url, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("unknown client_id &lt;intruder&gt;");
    }

    @Test
    void failAuthorizeRedirectsBackWithTheErrorOnce() throws Exception {
        idp.failAuthorize("access_denied", "User said no");

        HttpResponse<String> failed = get(authorizeUrl("state-9", "n", CHALLENGE), null);

        assertThat(failed.statusCode()).isEqualTo(302);
        Map<String, String> back = FakeIdp.parseForm(
                URI.create(failed.headers().firstValue("Location").orElseThrow()).getRawQuery());
        assertThat(back).containsEntry("error", "access_denied")
                .containsEntry("error_description", "User said no")
                .containsEntry("state", "state-9")
                .doesNotContainKey("code");

        assertThat(login("state-10", "n", CHALLENGE)).isNotBlank();
    }

    @Test
    void failTokenAnswersTheErrorOnceThenTheSameCodeWorks() throws Exception {
        String code = login("s", "n", CHALLENGE);
        idp.failToken(503, "temporarily_unavailable", "try later");

        HttpResponse<String> failed = postToken(basic("broker-client", "broker-secret"), tokenForm(code, VERIFIER));
        assertOAuthError(failed, 503, "temporarily_unavailable");
        assertThat(JsonUtil.parseJson(failed.body())).containsEntry("error_description", "try later");

        HttpResponse<String> retried = postToken(basic("broker-client", "broker-secret"), tokenForm(code, VERIFIER));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(idp.tokenRequests()).isEqualTo(2);
    }

    @Test
    void userInfoNeedsAnIssuedAccessToken() throws Exception {
        assertThat(get(idp.userInfoUrl(), null).statusCode()).isEqualTo(401);
        assertThat(get(idp.userInfoUrl(), "Bearer made-up").statusCode()).isEqualTo(401);

        idp.nextLogin(Map.of("sub", "u-42", "email", "bob@example.com"))
                .userInfo(Map.of("sub", "u-42", "email", "bob@example.com", "name", "Bob"));
        String code = login("s", "n", null);
        Map<String, Object> tokens = JsonUtil.parseJson(
                postToken(basic("broker-client", "broker-secret"), tokenForm(code, null)).body());
        assertThat(verify((String) tokens.get("id_token")).getSubject()).isEqualTo("u-42");

        HttpResponse<String> userInfo = get(idp.userInfoUrl(), "Bearer " + tokens.get("access_token"));
        assertThat(userInfo.statusCode()).isEqualTo(200);
        assertThat(JsonUtil.parseJson(userInfo.body())).containsEntry("name", "Bob").containsEntry("sub", "u-42");
    }

    @Test
    void rotatedKeysArePublishedAndUsed() throws Exception {
        assertThat(jwks().getJsonWebKeys()).extracting(JsonWebKey::getKeyId).containsExactly("k1", "k2");
        JsonWebKey first = jwks().getJsonWebKeys().get(0);
        assertThat(first.getKeyType()).isEqualTo("RSA");
        assertThat(first.getAlgorithm()).isEqualTo("RS256");
        assertThat(first.getUse()).isEqualTo("sig");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> raw = (List<Map<String, Object>>) JsonUtil.parseJson(
                get(idp.jwksUri(), null).body()).get("keys");
        assertThat(raw).allSatisfy(k -> assertThat(k).containsKeys("kid", "kty", "alg", "use", "n", "e")
                .doesNotContainKeys("d", "p", "q"));

        String kid = idp.rotateKey();

        assertThat(kid).isEqualTo("k3").isEqualTo(idp.currentKeyId());
        assertThat(jwks().getJsonWebKeys()).extracting(JsonWebKey::getKeyId).containsExactly("k1", "k2", "k3");
        String idToken = (String) JsonUtil.parseJson(postToken(basic("broker-client", "broker-secret"),
                tokenForm(login("s", "n", null), null)).body()).get("id_token");
        assertThat(header(idToken)).containsEntry("kid", "k3");
        verify(idToken);
        assertThat(idp.jwksRequests()).isEqualTo(5);

        idp.dropKey("k1");
        assertThat(jwks().getJsonWebKeys()).extracting(JsonWebKey::getKeyId).containsExactly("k2", "k3");
    }

    @Test
    void signIdTokenWithAGivenKid() throws Exception {
        String token = idp.signIdToken(idp.standardClaims(Map.of("sub", "svc", "email", "svc@example.com")), "k2");

        assertThat(header(token)).containsEntry("kid", "k2");
        JwtClaims claims = verify(token);
        assertThat(claims.getSubject()).isEqualTo("svc");
        assertThat(claims.hasClaim("nonce")).isFalse();

        // an unknown kid: no key of the JWKS matches it
        JsonWebSignature unknown = new JsonWebSignature();
        unknown.setCompactSerialization(idp.signIdToken(idp.standardClaims(Map.of("sub", "x")), "nope"));
        assertThat(new VerificationJwkSelector().select(unknown, jwks().getJsonWebKeys())).isNull();
        // no kid at all: signed with the current key
        assertThat(header(idp.signIdToken(idp.standardClaims(Map.of()), null))).doesNotContainKey("kid");
        // the current public key is exposed for forgery tests
        assertThat(idp.publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void parallelLoginsEachGetTheirOwnCode() throws Exception {
        List<CompletableFuture<String>> flows = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        String code = login("state-" + i, "nonce-" + i, CHALLENGE);
                        HttpResponse<String> token = postToken(basic("broker-client", "broker-secret"),
                                tokenForm(code, VERIFIER));
                        assertThat(token.statusCode()).isEqualTo(200);
                        return verify((String) JsonUtil.parseJson(token.body()).get("id_token"))
                                .getStringClaimValue("nonce");
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }))
                .toList();

        List<String> nonces = flows.stream().map(CompletableFuture::join).toList();

        assertThat(nonces).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 8).mapToObj(i -> "nonce-" + i).toList());
        assertThat(idp.tokenRequests()).isEqualTo(8);
    }

    // ------------------------------------------------------------------ helpers

    private String authorizeUrl(String state, String nonce, String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", idp.clientId());
        params.put("redirect_uri", CALLBACK);
        params.put("scope", "openid email");
        params.put("state", state);
        params.put("nonce", nonce);
        if (challenge != null) {
            params.put("code_challenge", challenge);
            params.put("code_challenge_method", "S256");
        }
        return idp.authorizationUrl() + "?" + encode(params);
    }

    /** Runs /authorize and returns the code from the redirect. */
    private String login(String state, String nonce, String challenge) throws Exception {
        HttpResponse<String> response = get(authorizeUrl(state, nonce, challenge), null);
        assertThat(response.statusCode()).isEqualTo(302);
        Map<String, String> back = FakeIdp.parseForm(
                URI.create(response.headers().firstValue("Location").orElseThrow()).getRawQuery());
        assertThat(back).containsEntry("state", state);
        return back.get("code");
    }

    private static Map<String, String> tokenForm(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", CALLBACK);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return form;
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postToken(String authorization, Map<String, String> form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(idp.tokenUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertOAuthError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JsonUtil.parseJson(response.body())).containsEntry("error", error);
    }

    private JsonWebKeySet jwks() throws Exception {
        HttpResponse<String> response = get(idp.jwksUri(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonWebKeySet(response.body());
    }

    /** Verifies the signature with the key /jwks publishes for the token's kid, plus iss, aud and exp. */
    private JwtClaims verify(String idToken) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(idToken);
        JsonWebKey key = new VerificationJwkSelector().select(jws, jwks().getJsonWebKeys());
        assertThat(key).as("a published key for kid %s", jws.getKeyIdHeaderValue()).isNotNull();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key.getKey())
                .setExpectedIssuer(idp.issuer())
                .setExpectedAudience(idp.clientId())
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .build();
        return consumer.processToClaims(idToken);
    }

    private static Map<String, Object> header(String jwt) throws Exception {
        String header = jwt.substring(0, jwt.indexOf('.'));
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
    }
}
