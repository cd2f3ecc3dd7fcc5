package org.ssobroker.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An in-process OpenID Connect provider for tests, served by WireMock on 127.0.0.1 and a free port.
 * <p>
 * It speaks just enough OIDC for quarkus-oidc's authorization code flow (discovery, /authorize, /token,
 * /jwks, /userinfo; client_secret_basic or client_secret_post; PKCE S256) and signs real RS256 id_tokens,
 * so token-exchange tests can also get genuine and forged tokens from it.
 * <p>
 * The settings ({@link #nextLogin}, {@link #userInfo}, {@link #client}) stay in force until changed;
 * {@link #failAuthorize} and {@link #failToken} apply to one request only. A login's claims are
 * snapshotted when /authorize is called, so parallel logins do not see each other's later changes.
 */
public final class FakeIdp implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "broker-client";
    public static final String DEFAULT_CLIENT_SECRET = "broker-secret";
    public static final Map<String, Object> DEFAULT_LOGIN =
            Map.of("sub", "test-user", "email", "test-user@example.com");
    public static final long TOKEN_LIFETIME_SECONDS = 300;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WireMockServer server;

    private volatile Client client = new Client(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    private volatile Map<String, Object> loginClaims = DEFAULT_LOGIN;
    private volatile Map<String, Object> userInfoClaims; // null: answer {"sub": <sub of the login>}
    private final AtomicReference<OAuthFailure> authorizeFailure = new AtomicReference<>();
    private final AtomicReference<OAuthFailure> tokenFailure = new AtomicReference<>();

    private volatile Map<String, String> lastAuthorize = Map.of();
    private volatile Map<String, String> lastToken = Map.of();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger appTokenRequests = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();

    private final Map<String, Login> codes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> userInfoByAccessToken = new ConcurrentHashMap<>();
    private volatile boolean signedUserInfo;

    // Every key ever made stays here so a test can still sign with a key after dropKey() unpublished it.
    private final Map<String, RsaJsonWebKey> keys = new ConcurrentHashMap<>();
    private final List<String> publishedKids = new CopyOnWriteArrayList<>();
    private final AtomicInteger keyCounter = new AtomicInteger();
    private volatile String currentKid;

    private record Client(String id, String secret) {
    }

    private record OAuthFailure(int status, String error, String description) {
    }

    /** What /authorize remembered for a code; claims and userInfo are snapshots taken at /authorize. */
    private record Login(String clientId, String redirectUri, String nonce, String codeChallenge, String scope,
                         Map<String, Object> claims, Map<String, Object> userInfo) {
    }

    private FakeIdp() {
        String first = rotateKey();
        rotateKey();
        currentKid = first; // start with k1 and k2 published, k1 signing
        // The transformer instance is handed to this server only, so it can answer from this FakeIdp's state.
        server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .gzipDisabled(true)
                .extensions(new Endpoints(this)));
    }

    /** Starts a fake IdP on 127.0.0.1 and a free port; close it when done. */
    public static FakeIdp start() {
        FakeIdp idp = new FakeIdp();
        idp.server.start();
        idp.stub(get(urlPathEqualTo("/.well-known/openid-configuration")), "discovery");
        idp.stub(get(urlPathEqualTo("/authorize")), "authorize");
        idp.stub(post(urlPathEqualTo("/token")), "token");
        idp.stub(get(urlPathEqualTo("/userinfo")), "userinfo");
        idp.stub(post(urlPathEqualTo("/userinfo")), "userinfo");
        idp.stub(get(urlPathEqualTo("/jwks")), "jwks");
        return idp;
    }

    private void stub(MappingBuilder request, String endpoint) {
        server.stubFor(request.willReturn(aResponse()
                .withTransformers(Endpoints.NAME)
                .withTransformerParameter("endpoint", endpoint)));
    }

    // ------------------------------------------------------------------ addresses and client

    public int port() {
        return server.port();
    }

    /** "http://localhost:{port}": the same string as in discovery and in the iss claim of id_tokens. */
    public String issuer() {
        return "http://localhost:" + server.port();
    }

    public String configUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    public String authorizationUrl() {
        return issuer() + "/authorize";
    }

    public String tokenUrl() {
        return issuer() + "/token";
    }

    public String jwksUri() {
        return issuer() + "/jwks";
    }

    public String userInfoUrl() {
        return issuer() + "/userinfo";
    }

    public String clientId() {
        return client.id();
    }

    public String clientSecret() {
        return client.secret();
    }

    /** Changes the client credentials that /authorize and /token accept. */
    public FakeIdp client(String clientId, String clientSecret) {
        client = new Client(Objects.requireNonNull(clientId), Objects.requireNonNull(clientSecret));
        return this;
    }

    /** The underlying server, for tests that need extra stubs (delays, broken answers ...). */
    public WireMockServer wireMock() {
        return server;
    }

    // ------------------------------------------------------------------ browser logins

    /**
     * Claims of the id_tokens of the logins that start from now on (sub, email, cognito:groups ...).
     * iss, aud, iat, exp and nonce are added unless given; sub defaults to the email claim.
     */
    public FakeIdp nextLogin(Map<String, Object> idTokenClaims) {
        loginClaims = snapshot(idTokenClaims);
        return this;
    }

    /** What /userinfo answers for the logins that start from now on; null restores {"sub": ...}. */
    public FakeIdp userInfo(Map<String, Object> claims) {
        userInfoClaims = claims == null ? null : snapshot(claims);
        return this;
    }

    /** The next /authorize redirects back with this error instead of a code. */
    public FakeIdp failAuthorize(String error, String description) {
        authorizeFailure.set(new OAuthFailure(302, error, description));
        return this;
    }

    /** The next /token answers this OAuth error; the code it was sent stays usable. */
    public FakeIdp failToken(int status, String error, String description) {
        tokenFailure.set(new OAuthFailure(status, error, description));
        return this;
    }

    /** Query parameters of the last /authorize (first value of each). */
    public Map<String, String> lastAuthorizeRequest() {
        return lastAuthorize;
    }

    /** Form parameters of the last /token, plus "authorization" with the Authorization header if one was sent. */
    public Map<String, String> lastTokenRequest() {
        return lastToken;
    }

    /** App-only (client_credentials) tokens begin with this. */
    public static final String APP_TOKEN_PREFIX = "app-";

    /** How many client_credentials tokens were issued since {@link #reset()}. */
    public int appTokenRequests() {
        return appTokenRequests.get();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    /**
     * Back to the defaults (client, login claims, user info, no failures, no recorded requests, counters at 0),
     * for one IdP shared by the tests of a class. Keys are kept, since the broker may have cached them.
     */
    public FakeIdp reset() {
        client = new Client(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
        loginClaims = DEFAULT_LOGIN;
        userInfoClaims = null;
        authorizeFailure.set(null);
        tokenFailure.set(null);
        lastAuthorize = Map.of();
        lastToken = Map.of();
        tokenRequests.set(0);
        appTokenRequests.set(0);
        jwksRequests.set(0);
        codes.clear();
        userInfoByAccessToken.clear();
        signedUserInfo = false;
        return this;
    }

    // ------------------------------------------------------------------ keys and signing

    /** Signs exactly these claims, RS256 with the current key. */
    public String signIdToken(Map<String, Object> claims) {
        return signIdToken(claims, currentKid);
    }

    /**
     * Signs exactly these claims, RS256, with the kid header set to {@code kid}. A kid this IdP made (even a
     * dropped one) signs with that key; an unknown kid signs with the current key, for "unknown kid" tests;
     * a null kid signs with the current key and leaves the kid header out.
     */
    public String signIdToken(Map<String, Object> claims, String kid) {
        return sign(claims, kid, "JWT");
    }

    /** Signs these claims as an RFC 9068 access token ({@code typ: at+jwt}) with the current key. */
    public String signAccessToken(Map<String, Object> claims) {
        return sign(claims, currentKid, "at+jwt");
    }

    private String sign(Map<String, Object> claims, String kid, String type) {
        RsaJsonWebKey key = kid != null && keys.containsKey(kid) ? keys.get(kid) : keys.get(currentKid);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setHeader("typ", type);
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public String currentKeyId() {
        return currentKid;
    }

    /** Publishes a new RSA 2048 key and makes it current; older keys stay published. Returns its kid. */
    public synchronized String rotateKey() {
        String kid = "k" + keyCounter.incrementAndGet();
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            keys.put(kid, key);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
        publishedKids.add(kid);
        currentKid = kid;
        return kid;
    }

    /** Removes a key from /jwks. Dropping the current key leaves it current: new tokens then carry an unpublished kid. */
    public FakeIdp dropKey(String kid) {
        publishedKids.remove(kid);
        return this;
    }

    /** The current public key, e.g. to forge an HS256 token whose HMAC secret is this key. */
    public RSAPublicKey publicKey() {
        return keys.get(currentKid).getRsaPublicKey();
    }

    /** iss=issuer(), aud=clientId(), iat=now, exp=now+300, then {@code extra} (which may override them). */
    public Map<String, Object> standardClaims(Map<String, Object> extra) {
        return standardClaims(client.id(), extra);
    }

    private Map<String, Object> standardClaims(String audience, Map<String, Object> extra) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + TOKEN_LIFETIME_SECONDS);
        claims.putAll(extra);
        return likeARealIdp(claims);
    }

    /** Give a claim this value to leave it out of the token altogether (e.g. no email_verified). */
    public static final String OMIT = "(omit)";

    /**
     * What real IdPs send unless a test says otherwise: a sub (the email's, if none is given) and
     * email_verified true next to an email. {@link #OMIT} removes a claim.
     */
    private static Map<String, Object> likeARealIdp(Map<String, Object> claims) {
        if (!claims.containsKey("sub") && claims.get("email") != null) {
            claims.put("sub", claims.get("email"));
        }
        if (!claims.containsKey("email_verified") && claims.get("email") != null) {
            claims.put("email_verified", true);
        }
        claims.values().removeIf(OMIT::equals);
        return claims;
    }

    @Override
    public void close() {
        server.stop();
    }

    // ------------------------------------------------------------------ the endpoints (run inside WireMock)

    /** Routes the stubs to this IdP: WireMock matches the request, this decides the answer. */
    static final class Endpoints implements ResponseDefinitionTransformerV2 {
        static final String NAME = "fake-idp-endpoints";
        private final FakeIdp idp;

        Endpoints(FakeIdp idp) {
            this.idp = idp;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String endpoint = event.getTransformerParameters().getString("endpoint");
            return switch (endpoint) {
                case "discovery" -> json(200, idp.discovery());
                case "authorize" -> idp.authorize(request);
                case "token" -> idp.token(request);
                case "userinfo" -> idp.userInfo(request);
                case "jwks" -> idp.jwks();
                default -> throw new IllegalArgumentException("no endpoint " + endpoint);
            };
        }

        @Override
        public boolean applyGlobally() {
            return false; // only the stubs that name it
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer());
        doc.put("authorization_endpoint", authorizationUrl());
        doc.put("token_endpoint", tokenUrl());
        doc.put("jwks_uri", jwksUri());
        doc.put("userinfo_endpoint", userInfoUrl());
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported", List.of("authorization_code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        doc.put("scopes_supported", List.of("openid", "email", "profile"));
        return doc;
    }

    private ResponseDefinition authorize(Request request) {
        Map<String, String> params = parseForm(rawQuery(request.getUrl()));
        lastAuthorize = params;
        String redirectUri = params.get("redirect_uri");
        String state = params.get("state");
        if (redirectUri == null) {
            return errorPage("redirect_uri is missing");
        }
        OAuthFailure failure = authorizeFailure.getAndSet(null);
        if (failure != null) {
            return redirect(redirectUri, "error", failure.error(), "error_description", failure.description(),
                    "state", state);
        }
        if (!client.id().equals(params.get("client_id"))) {
            return errorPage("unknown client_id " + params.get("client_id"));
        }
        if (!"code".equals(params.get("response_type"))) {
            return redirect(redirectUri, "error", "unsupported_response_type", "state", state);
        }
        String challenge = params.get("code_challenge");
        if (challenge != null && !"S256".equals(params.get("code_challenge_method"))) {
            return redirect(redirectUri, "error", "invalid_request",
                    "error_description", "only code_challenge_method S256 is supported", "state", state);
        }
        String code = randomToken();
        codes.put(code, new Login(params.get("client_id"), redirectUri, params.get("nonce"), challenge,
                params.get("scope"), loginClaims, userInfoClaims));
        return redirect(redirectUri, "code", code, "state", state);
    }

    private ResponseDefinition token(Request request) {
        tokenRequests.incrementAndGet();
        Map<String, String> form = parseForm(request.getBodyAsString());
        String authorization = request.getHeader("Authorization");
        Map<String, String> recorded = new LinkedHashMap<>(form);
        if (authorization != null) {
            recorded.put("authorization", authorization);
        }
        lastToken = Collections.unmodifiableMap(recorded);

        OAuthFailure failure = tokenFailure.getAndSet(null);
        if (failure != null) {
            return oauthError(failure.status(), failure.error(), failure.description());
        }
        String clientId = authenticateClient(authorization, form);
        if (clientId == null) {
            return withHeader(oauthError(401, "invalid_client", "client authentication failed"),
                    "WWW-Authenticate", "Basic realm=\"fake-idp\"");
        }
        if ("client_credentials".equals(form.get("grant_type"))) {
            // The broker's own app-only token (Entra ID group overage reads Microsoft Graph with it).
            appTokenRequests.incrementAndGet();
            return json(200, Map.of("access_token", APP_TOKEN_PREFIX + randomToken(), "token_type", "Bearer",
                    "expires_in", TOKEN_LIFETIME_SECONDS));
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "only authorization_code and client_credentials");
        }
        String code = form.get("code");
        // remove() rather than get(): a code is spent by its first use, even when the rest of that request is wrong.
        Login login = code == null ? null : codes.remove(code);
        if (login == null) {
            return oauthError(400, "invalid_grant", "unknown or already used code");
        }
        if (!login.clientId().equals(clientId)) {
            return oauthError(400, "invalid_grant", "code was issued to another client");
        }
        if (!Objects.equals(login.redirectUri(), form.get("redirect_uri"))) {
            return oauthError(400, "invalid_grant", "redirect_uri differs from the one of the authorization request");
        }
        if (login.codeChallenge() != null && !login.codeChallenge().equals(s256(form.get("code_verifier")))) {
            return oauthError(400, "invalid_grant", "code_verifier does not match code_challenge");
        }

        Map<String, Object> claims = standardClaims(login.clientId(), Map.of());
        if (login.nonce() != null) {
            claims.put("nonce", login.nonce());
        }
        claims.putAll(login.claims());
        likeARealIdp(claims);
        String accessToken = randomToken();
        Object sub = claims.get("sub");
        userInfoByAccessToken.put(accessToken, login.userInfo() != null ? login.userInfo()
                : sub == null ? Map.of() : Map.of("sub", sub));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", TOKEN_LIFETIME_SECONDS);
        body.put("id_token", signIdToken(claims));
        if (login.scope() != null) {
            body.put("scope", login.scope());
        }
        return json(200, body);
    }

    /** client_secret_basic first, else client_secret_post; returns the client id, or null when it fails. */
    private String authenticateClient(String authorization, Map<String, String> form) {
        String id;
        String secret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            id = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
        } else {
            id = form.get("client_id");
            secret = form.get("client_secret");
        }
        Client expected = client;
        // RFC 6749 wants the Basic user and password form-encoded, but not every client does it: accept both.
        boolean ok = (expected.id().equals(id) && expected.secret().equals(secret))
                || (id != null && secret != null
                && expected.id().equals(formDecodeOrSelf(id)) && expected.secret().equals(formDecodeOrSelf(secret)));
        return ok ? expected.id() : null;
    }

    private ResponseDefinition userInfo(Request request) {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        Map<String, Object> answer = token == null ? null : userInfoByAccessToken.get(token);
        if (answer == null) {
            return withHeader(oauthError(401, "invalid_token", "missing or unknown access token"),
                    "WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        if (signedUserInfo) {
            Map<String, Object> claims = new LinkedHashMap<>(answer);
            claims.put("iss", issuer());
            claims.put("aud", client.id());
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/jwt")
                    .withBody(signIdToken(claims)).build();
        }
        return json(200, answer);
    }

    /** An access token of this IdP whose /userinfo answers these claims (as an app's own login would get). */
    public String accessTokenFor(Map<String, Object> userInfo) {
        String token = randomToken();
        userInfoByAccessToken.put(token, snapshot(userInfo));
        return token;
    }

    /** Whether /userinfo answers a signed JWT (application/jwt) instead of JSON. */
    public FakeIdp signedUserInfo(boolean signed) {
        this.signedUserInfo = signed;
        return this;
    }

    private ResponseDefinition jwks() {
        jwksRequests.incrementAndGet();
        List<Map<String, Object>> published = new ArrayList<>();
        for (String kid : publishedKids) {
            published.add(keys.get(kid).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        return json(200, Map.of("keys", published));
    }

    // ------------------------------------------------------------------ helpers

    private static ResponseDefinition json(int status, Map<String, ?> body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "no-store")
                .withBody(JsonUtil.toJson(body))
                .build();
    }

    private static ResponseDefinition oauthError(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return json(status, body);
    }

    private static ResponseDefinition withHeader(ResponseDefinition response, String name, String value) {
        return ResponseDefinitionBuilder.like(response).but().withHeader(name, value).build();
    }

    /** Like a real IdP: a bad client or redirect_uri gets an error page, never a redirect. */
    private static ResponseDefinition errorPage(String message) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(400)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html><head><title>Login error</title></head><body><h1>Login error</h1><p>"
                        + escapeHtml(message) + "</p></body></html>")
                .build();
    }

    /** 302 to {@code target} with the given name/value pairs as query parameters; null values are left out. */
    private static ResponseDefinition redirect(String target, String... namesAndValues) {
        StringBuilder url = new StringBuilder(target);
        char separator = target.contains("?") ? '&' : '?';
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                url.append(separator).append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(302)
                .withHeader("Location", url.toString())
                .withHeader("Cache-Control", "no-store")
                .build();
    }

    /** An unmodifiable copy that keeps the caller's order and allows null values (unlike Map.copyOf). */
    private static Map<String, Object> snapshot(Map<String, Object> claims) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    private static String rawQuery(String url) {
        int question = url.indexOf('?');
        return question < 0 ? "" : url.substring(question + 1);
    }

    /** Parses a query string or form body; the first value of a repeated name wins. */
    static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return Collections.unmodifiableMap(params);
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableMap(params);
    }

    private static String formDecodeOrSelf(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notFormEncoded) {
            return value; // e.g. a raw secret with a lone '%'
        }
    }

    /** PKCE S256: base64url(sha256(verifier)) without padding; null for a missing verifier. */
    static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
