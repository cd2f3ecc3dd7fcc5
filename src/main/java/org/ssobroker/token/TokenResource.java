package org.ssobroker.token;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.FormBody;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.RefusalAnswers;
import org.ssobroker.support.Identifier;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** The token endpoint (RFC 6749 section 3.2). */
@Path("/oauth/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    /** The grants a public client may use: PKCE proves the code, rotation (bound to the client) the refresh token. */
    private static final Set<String> PUBLIC_CLIENT_GRANTS = Set.of(GrantTypes.AUTHORIZATION_CODE,
            GrantTypes.REFRESH_TOKEN);

    private final ClientAuthenticator clients;
    private final TokenIssuer issuer;
    private final CodeGrant codeGrant;
    private final RefreshTokens refreshTokens;
    private final TokenExchange exchange;

    public TokenResource(ClientAuthenticator clients, TokenIssuer issuer, CodeGrant codeGrant,
            RefreshTokens refreshTokens, TokenExchange exchange) {
        this.clients = clients;
        this.issuer = issuer;
        this.codeGrant = codeGrant;
        this.refreshTokens = refreshTokens;
        this.exchange = exchange;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        MultivaluedMap<String, String> form;
        try {
            form = FormBody.parse(body);
        } catch (FormBody.MalformedFormException e) {
            throw OAuthException.invalidRequest(e.getMessage());
        }
        String grantType = single(form, "grant_type");
        if (grantType == null) {
            throw OAuthException.invalidRequest("The grant_type parameter is required.");
        }
        AuthenticatedClient client = authenticate(authorization, form);
        if (!GrantTypes.ALL.contains(grantType)) {
            throw OAuthException.unsupportedGrantType("The grant type '" + grantType + "' is not supported.");
        }
        if (!client.grantTypes().contains(grantType)) {
            throw OAuthException.unauthorizedClient("This client may not use the grant type '" + grantType + "'.");
        }
        return switch (grantType) {
            case GrantTypes.CLIENT_CREDENTIALS ->
                    noStore(TokenResponse.of(issuer.clientToken(client, grantedScopes(client, form))));
            case GrantTypes.AUTHORIZATION_CODE -> authorizationCode(client, form);
            case GrantTypes.REFRESH_TOKEN -> refresh(client, form);
            default -> tokenExchange(client, form);
        };
    }

    /** Rotates the refresh token: the old one is used up, a replay revokes the whole sign-in. */
    private Response refresh(AuthenticatedClient client, MultivaluedMap<String, String> form) {
        String token = single(form, "refresh_token");
        if (token == null) {
            throw OAuthException.invalidRequest("The refresh_token parameter is required.");
        }
        if (single(form, "scope") != null) {
            throw OAuthException.invalidScope("A refresh keeps the original scope; omit the scope parameter.");
        }
        RefreshTokens.Grant grant = refreshTokens.rotate(token, client);
        IssuedToken access = issuer.userToken(grant.siteKey(), grant.userId().toString(), client, grant.scope());
        if (Scopes.parse(grant.scope()).contains(OpenIdScopes.OPENID)) {
            return noStore(codeGrant.openIdAnswer(grant.siteKey(), grant.userId(), client, access,
                    grant.refreshToken(), null, null));
        }
        return noStore(TokenResponse.of(access, grant.refreshToken()));
    }

    /**
     * RFC 8693: an IdP id_token as subject_token, the IdP named by {@code audience} as
     * {@code {site}/{nameId}}; the client needs the same scope as for provisionByOpenIdToken.
     */
    private Response tokenExchange(AuthenticatedClient client, MultivaluedMap<String, String> form) {
        String subjectToken = single(form, "subject_token");
        String subjectTokenType = single(form, "subject_token_type");
        String audience = single(form, "audience");
        if (subjectToken == null || subjectTokenType == null || audience == null) {
            throw OAuthException.invalidRequest("The subject_token, subject_token_type and audience parameters are "
                    + "required.");
        }
        if (!ID_TOKEN_TYPE.equals(subjectTokenType)) {
            throw OAuthException.invalidRequest("The subject_token_type must be " + ID_TOKEN_TYPE + ".");
        }
        // The user's upstream access token as actor_token: the IdP's userinfo is read with it.
        String actorToken = single(form, "actor_token");
        String actorTokenType = single(form, "actor_token_type");
        if ((actorToken == null) != (actorTokenType == null)) {
            throw OAuthException.invalidRequest("actor_token and actor_token_type go together.");
        }
        if (actorTokenType != null && !TokenResponse.ACCESS_TOKEN_TYPE.equals(actorTokenType)) {
            throw OAuthException.invalidRequest("The actor_token_type must be " + TokenResponse.ACCESS_TOKEN_TYPE
                    + " (the user's access token at the IdP, for its userinfo).");
        }
        String requestedType = single(form, "requested_token_type");
        if (requestedType != null && !TokenResponse.ACCESS_TOKEN_TYPE.equals(requestedType)) {
            throw OAuthException.invalidRequest("Only " + TokenResponse.ACCESS_TOKEN_TYPE + " can be issued.");
        }
        String[] target = audience.split("/", -1);
        if (target.length != 2 || !Identifier.SITE_KEY.valid(target[0]) || !Identifier.NAME_ID.valid(target[1])) {
            throw new OAuthException(400, "invalid_target", "The audience must name the IdP as {site}/{nameId}.");
        }
        String scope = Scopes.provisionByOpenIdToken(target[0], target[1]);
        if (!client.scopes().contains(scope)) {
            throw new OAuthException(400, "invalid_target", "This client may not exchange tokens of " + audience
                    + ": it needs scope " + scope + ".");
        }
        var idp = exchange.idp(target[0], target[1]).orElseThrow(() -> new OAuthException(400, "invalid_target",
                "No IdP '" + target[1] + "' in site '" + target[0] + "'."));
        TokenExchange.Result result = exchange.exchange(idp, subjectToken, java.util.Optional.ofNullable(actorToken),
                client, RefusalAnswers.TokenError.INVALID_REQUEST);
        return noStore(TokenResponse.of(result.accessToken(), result.refreshToken()).exchanged());
    }

    /** A site's app redeems the one-time code of a browser login for the user's tokens (and, with OpenID, an id_token). */
    private Response authorizationCode(AuthenticatedClient client, MultivaluedMap<String, String> form) {
        String code = single(form, "code");
        String redirectUri = single(form, "redirect_uri");
        if (code == null || redirectUri == null) {
            throw OAuthException.invalidRequest("The code and redirect_uri parameters are required.");
        }
        return noStore(codeGrant.redeem(client, code, redirectUri, single(form, "code_verifier")));
    }

    /** Any other content type: answer in OAuth form, not with a generic 415. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response wrongContentType() {
        throw OAuthException.invalidRequest("Send the parameters as application/x-www-form-urlencoded.");
    }

    /** The requested scopes, all of which the client must hold; none requested means all it holds. */
    private static Set<String> grantedScopes(AuthenticatedClient client, MultivaluedMap<String, String> form) {
        Set<String> requested = Scopes.parse(single(form, "scope"));
        if (requested.isEmpty()) {
            return client.scopes();
        }
        for (String scope : requested) {
            if (!client.scopes().contains(scope)) {
                throw OAuthException.invalidScope("The scope '" + scope + "' is not granted to this client.");
            }
        }
        return requested;
    }

    private AuthenticatedClient authenticate(String authorization, MultivaluedMap<String, String> form) {
        String formId = single(form, "client_id");
        String formSecret = single(form, "client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formSecret != null) {
                throw OAuthException.invalidRequest("Use one client authentication method, not both.");
            }
            String[] credentials = basicCredentials(authorization.substring(6).trim());
            if (formId != null && !formId.equals(credentials[0])) {
                throw OAuthException.invalidRequest("The client_id parameter does not match the authenticated client.");
            }
            return clients.authenticate(credentials[0], credentials[1]);
        }
        if (formId != null && formSecret == null && PUBLIC_CLIENT_GRANTS.contains(single(form, "grant_type"))) {
            // A public client: it proves the flow with its PKCE verifier (checked by the grant).
            return clients.publicClient(formId);
        }
        if (formId == null || formSecret == null) {
            throw OAuthException.invalidClient("Client authentication is required: HTTP Basic, or client_id and "
                    + "client_secret parameters.");
        }
        return clients.authenticate(formId, formSecret);
    }

    /** RFC 6749 section 2.3.1: id and secret are form-urlencoded before base64. */
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidClient("Malformed HTTP Basic credentials.");
            }
            return new String[]{URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("Malformed HTTP Basic credentials.");
        }
    }

    /** A parameter that must not be repeated (RFC 6749 section 3.2). */
    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw OAuthException.invalidRequest("The " + name + " parameter is repeated.");
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
