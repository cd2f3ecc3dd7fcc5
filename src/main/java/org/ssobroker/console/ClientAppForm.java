package org.ssobroker.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ssobroker.support.ProblemException;
import org.ssobroker.token.ClientAppRequest;
import org.ssobroker.token.ClientAppView;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-app form as posted (create and edit share it): the values to show again, and the
 * request {@code PUT .../client-apps/{clientId}} would take. Lists are typed one per line
 * (URIs) or space separated (scopes); the JWK Set is pasted as JSON.
 */
record ClientAppForm(Map<String, String> values, List<String> grantTypes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ClientAppForm posted(String clientId, String scopes, List<String> grantTypes, String redirectUris,
            String publicClient, String loginUrl, String userinfoResponse, String jwks, String jwksUri,
            String postLogoutRedirectUris, String idTokenSignedResponseAlg) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("clientId", clientId == null ? "" : clientId.strip());
        values.put("scopes", orEmpty(scopes));
        values.put("redirectUris", orEmpty(redirectUris));
        values.put("public", publicClient == null ? "" : "true");
        values.put("loginUrl", orEmpty(loginUrl).strip());
        values.put("userinfoResponse", orEmpty(userinfoResponse).strip());
        values.put("jwks", orEmpty(jwks));
        values.put("jwksUri", orEmpty(jwksUri).strip());
        values.put("postLogoutRedirectUris", orEmpty(postLogoutRedirectUris));
        values.put("idTokenSignedResponseAlg", orEmpty(idTokenSignedResponseAlg).strip());
        return new ClientAppForm(values, grantTypes == null ? List.of() : grantTypes);
    }

    /** The form of a stored app, for its edit page. */
    static ClientAppForm of(ClientAppView app) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("clientId", app.clientId());
        values.put("scopes", String.join(" ", app.scopes()));
        values.put("redirectUris", String.join("\n", app.redirectUris()));
        values.put("public", app.publicClient() ? "true" : "");
        values.put("loginUrl", app.loginUrl() == null ? "" : app.loginUrl());
        values.put("userinfoResponse", app.userinfoResponse());
        values.put("jwks", app.jwks() == null ? "" : app.jwks().toPrettyString());
        values.put("jwksUri", app.jwksUri() == null ? "" : app.jwksUri());
        values.put("postLogoutRedirectUris", String.join("\n", app.postLogoutRedirectUris()));
        values.put("idTokenSignedResponseAlg", app.idTokenSignedResponseAlg());
        return new ClientAppForm(values, app.grantTypes());
    }

    static ClientAppForm blank(List<String> grantTypes) {
        return posted("", "", grantTypes, "", null, "", "", "", "", "", "");
    }

    String clientId() {
        return values.get("clientId");
    }

    /** The API request; a JWK Set that is not JSON is refused here, naming the field. */
    ClientAppRequest request() {
        return new ClientAppRequest(words(values.get("scopes")), grantTypes, lines(values.get("redirectUris")),
                !values.get("public").isEmpty(), blankToNull(values.get("loginUrl")),
                blankToNull(values.get("userinfoResponse")), jwks(values.get("jwks")),
                blankToNull(values.get("jwksUri")), lines(values.get("postLogoutRedirectUris")),
                blankToNull(values.get("idTokenSignedResponseAlg")));
    }

    private static JsonNode jwks(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("jwks", "must be a JSON Web Key Set ({\"keys\": [...]})");
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isBlank()).toList();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
