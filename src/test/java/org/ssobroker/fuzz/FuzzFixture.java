package org.ssobroker.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.TestApi;
import org.ssobroker.wizard.WizardStep;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.ssobroker.support.TestApi.asPlatform;

/**
 * The valid world the fuzz requests aim at: a site with catalogs and a login URL, an IdP on the
 * {@link FakeIdp}, a client app, a wizard draft and a provisioned user, with a token for each
 * kind of caller. A request that deletes part of it (a valid DELETE, a wizard save) marks it
 * for {@link #rebuild()}.
 */
final class FuzzFixture {

    static final String IDP = "cognito";
    static final String APP = "fuzz-app";
    static final String REDIRECT = "https://app.example.com/after-login";

    final FakeIdp idp;
    final String site;
    final String platformToken;
    String appSecret;
    String appToken;
    String userToken;
    String userId;
    String draftId;

    FuzzFixture(FakeIdp idp) {
        this.idp = idp;
        this.site = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        this.platformToken = TestApi.platformToken();
        rebuild();
    }

    /** Puts back whatever a request removed; idempotent (PUTs), a few requests when nothing is missing. */
    void rebuild() {
        int created = asPlatform().body(Map.of("name", "Fuzz " + site)).put("/api/sites/" + site).statusCode();
        if (created == 201) {
            for (String right : List.of("Admin", "Sales Manager", "Agency User", "Viewer")) {
                asPlatform().body(Map.of()).put("/api/sites/" + site + "/access-rights/" + right);
            }
            for (String group : List.of("Argentina", "Chile", "Bolivia", "Operations", "Quality", "Everyone")) {
                asPlatform().body(Map.of()).put("/api/sites/" + site + "/groups/" + group);
            }
        }
        asPlatform().body(Map.of("title", "Main login")).put("/api/sites/" + site + "/login-urls/main");
        ObjectNode doc = TestApi.cognitoDocument();
        ObjectNode oidc = (ObjectNode) doc.get("oidc");
        oidc.put("configUrl", idp.configUrl());
        oidc.put("clientId", idp.clientId());
        oidc.put("clientSecret", idp.clientSecret());
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/" + IDP).then().statusCode(org.hamcrest.Matchers
                .either(org.hamcrest.Matchers.is(200)).or(org.hamcrest.Matchers.is(201)));
        var app = asPlatform().body(Map.of(
                        "scopes", List.of("site_" + site + "_provisionByOpenIdToken_" + IDP, "site_" + site + "_internalApi",
                                "site_" + site + "_admin"),
                        "grantTypes", List.of("client_credentials", "refresh_token", "authorization_code",
                                "urn:ietf:params:oauth:grant-type:token-exchange"),
                        "redirectUris", List.of(REDIRECT)))
                .put("/api/sites/" + site + "/client-apps/" + APP);
        if (app.statusCode() == 201 || appToken == null) {
            appSecret = app.statusCode() == 201 ? app.path("clientSecret") : rotateSecret();
            appToken = TestApi.token(APP, appSecret);
        }
        if (draftId == null || asPlatform().get("/api/sites/" + site + "/idp-wizard/" + draftId).statusCode() != 200) {
            draftId = asPlatform().body(Map.of()).post("/api/sites/" + site + "/idp-wizard").then().statusCode(201)
                    .extract().path("id");
        }
        if (userId == null || asPlatform().get("/api/sites/" + site + "/users/" + userId).statusCode() != 200) {
            userToken = exchange();
            userId = asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200)
                    .extract().path("[0].id");
        }
    }

    /**
     * The fixture user, provisioned by an exchange. A cold fake IdP (first discovery and JWKS
     * reads under a loaded machine) may miss the broker's 1 s timeout: a bounded poll retries.
     */
    private String exchange() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            var answer = TestApi.as(appToken).body(Map.of("openIdToken", idToken()))
                    .post("/rest/external/site/" + site + "/idp/" + IDP + "/provisionByOpenIdToken");
            if (answer.statusCode() != 503 || System.nanoTime() > deadline) {
                return answer.then().statusCode(200).extract().path("access_token");
            }
        }
    }

    private String rotateSecret() {
        return asPlatform().post("/api/sites/" + site + "/client-apps/" + APP + "/secret").then().statusCode(200)
                .extract().path("clientSecret");
    }

    /** A genuine id_token of the fixture IdP for a user its rules accept. */
    String idToken() {
        return idp.signIdToken(idp.standardClaims(Map.of("sub", "fuzz-user", "email", "fuzz.user@encode.dk",
                "token_use", "id")));
    }

    /** A valid value for a path parameter, by its name; unknown names get a plausible word. */
    String valid(OpenApi.Parameter parameter, String catalog, Random random) {
        if (parameter.pattern() != null && parameter.pattern().matches("[a-z|-]+")) {
            return Hostile.pick(random, List.of(parameter.pattern().split("\\|")));
        }
        return switch (parameter.name()) {
            case "site" -> site;
            case "nameId" -> IDP;
            case "clientId" -> APP;
            case "loginUrl" -> "main";
            case "name" -> "groups".equals(catalog) ? "Everyone" : "Viewer";
            case "draftId" -> draftId;
            case "id" -> userId;
            case "step" -> Hostile.pick(random, WizardStep.paths());
            default -> "x";
        };
    }
}
