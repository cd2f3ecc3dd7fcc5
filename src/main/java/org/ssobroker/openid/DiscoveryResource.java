package org.ssobroker.openid;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.security.SigningKeys;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.token.OpenIdScopes;
import org.ssobroker.token.OpenIdTokens;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each site's OpenID Provider metadata (OpenID Connect Discovery 1.0; RFC 8414 for the PKCE and
 * RFC 9207 fields) and its JWKS: the broker's own signing keys.
 */
@Path("/site/{site}")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    static final List<String> CLAIMS = List.of("sub", "iss", "aud", "azp", "nonce", "auth_time", "iat", "exp",
            "name", "given_name", "family_name", "preferred_username", "email", "email_verified", "access_right",
            "groups");

    private final OpenIdTokens tokens;
    private final String base;
    private final Map<String, List<Map<String, String>>> jwks;

    public DiscoveryResource(OpenIdTokens tokens, PublicUrls urls, SigningKeys keys) {
        this.tokens = tokens;
        this.base = urls.base();
        this.jwks = Map.of("keys", keys.publicJwks());
    }

    @GET
    @Path(".well-known/openid-configuration")
    public Response configuration(@PathParam("site") String site) {
        if (!SiteIssuers.exists(site)) {
            return notFound();
        }
        String issuer = tokens.issuer(site);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/authorize");
        doc.put("token_endpoint", base + "/oauth/token");
        doc.put("userinfo_endpoint", issuer + "/userinfo");
        doc.put("jwks_uri", issuer + "/jwks");
        doc.put("end_session_endpoint", issuer + "/logout");
        doc.put("response_types_supported", List.of("code"));
        doc.put("response_modes_supported", List.of("query"));
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", tokens.idTokenAlgorithms());
        doc.put("userinfo_signing_alg_values_supported", List.of("RS256"));
        doc.put("userinfo_encryption_alg_values_supported", UserInfoEncryption.ALGORITHMS);
        doc.put("userinfo_encryption_enc_values_supported", List.of(UserInfoEncryption.CONTENT_ENCRYPTION));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("scopes_supported", OpenIdScopes.ALL);
        doc.put("claims_supported", CLAIMS);
        doc.put("prompt_values_supported", List.of("none", "login"));
        doc.put("claims_parameter_supported", false);
        doc.put("request_parameter_supported", false);
        doc.put("request_uri_parameter_supported", false);
        doc.put("authorization_response_iss_parameter_supported", true);
        return Response.ok(doc).header("Cache-Control", "public, max-age=300").build();
    }

    @GET
    @Path("jwks")
    public Response jwks(@PathParam("site") String site) {
        if (!SiteIssuers.exists(site)) {
            return notFound();
        }
        return Response.ok(jwks).header("Cache-Control", "public, max-age=300").build();
    }

    private static Response notFound() {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "not_found", "error_description", "There is no such site.")).build();
    }
}
