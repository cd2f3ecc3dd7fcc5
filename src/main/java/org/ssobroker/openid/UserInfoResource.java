package org.ssobroker.openid;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.ssobroker.security.BrokerClaims;
import org.ssobroker.security.BrokerTokenPrincipals;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.FormBody;
import org.ssobroker.support.OAuthException;
import org.ssobroker.token.AuthenticatedClient;
import org.ssobroker.token.AuthorizationCodes;
import org.ssobroker.token.ClientAuthenticator;
import org.ssobroker.token.OpenIdScopes;
import org.ssobroker.token.OpenIdSettings;
import org.ssobroker.token.OpenIdTokens;
import org.ssobroker.token.UserClaims;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A site's userinfo endpoint (OIDC Core 5.3): the access token from the header or, for POST,
 * the form body (RFC 6750 2.1 and 2.2; not both). The token is verified like every broker token
 * (signature, issuer, audience, typ, revocation with its client) and must be a user token of
 * this site holding {@code openid}, not issued with a code that was later replayed. The client
 * app's {@code userinfoResponse} chooses the form: JSON, a signed JWT, a signed JWT encrypted to
 * the app's key, or ({@code fromTokenEndpoint}) JSON with the id_token's claims.
 */
@Path("/site/{site}/userinfo")
public class UserInfoResource {

    private final BrokerTokenPrincipals principals;
    private final JWTAuthContextInfo context;
    private final ClientAuthenticator clients;
    private final AuthorizationCodes codes;
    private final UserClaims userClaims;
    private final OpenIdTokens tokens;
    private final UserInfoEncryption encryption;

    public UserInfoResource(BrokerTokenPrincipals principals, JWTAuthContextInfo context, ClientAuthenticator clients,
            AuthorizationCodes codes, UserClaims userClaims, OpenIdTokens tokens, UserInfoEncryption encryption) {
        this.principals = principals;
        this.context = context;
        this.clients = clients;
        this.codes = codes;
        this.userClaims = userClaims;
        this.tokens = tokens;
        this.encryption = encryption;
    }

    @GET
    public Response get(@PathParam("site") String site, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(site, bearer(authorization));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@PathParam("site") String site, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        MultivaluedMap<String, String> form;
        try {
            form = FormBody.parse(body);
        } catch (FormBody.MalformedFormException e) {
            throw OAuthException.invalidRequest(e.getMessage());
        }
        String fromBody = form.getFirst("access_token");
        if (fromBody != null && authorization != null) {
            throw OAuthException.invalidRequest("Send the access token once: in the header or in the body.");
        }
        return answer(site, fromBody != null ? fromBody : bearer(authorization));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response postOther(@PathParam("site") String site,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(site, bearer(authorization));
    }

    private Response answer(String site, String token) {
        JWTCallerPrincipal principal;
        try {
            principal = principals.parse(token, context);
        } catch (ParseException e) {
            throw OAuthException.invalidToken("The access token is invalid, expired or revoked.");
        }
        String clientId = principal.getClaim(BrokerClaims.CLIENT_ID);
        Set<String> scopes = Scopes.parse(principal.getClaim(BrokerClaims.SCOPE));
        if (!site.equals(principal.getClaim(BrokerClaims.SITE))) {
            throw OAuthException.invalidToken("The access token was not issued by this site.");
        }
        if (!scopes.contains(OpenIdScopes.OPENID)) {
            throw OAuthException.insufficientScope(OpenIdScopes.OPENID);
        }
        if (codes.accessTokenRevoked(principal.getTokenID())) {
            throw OAuthException.invalidToken("The access token was revoked: its code was used twice.");
        }
        AuthenticatedClient client = clients.known(clientId)
                .orElseThrow(() -> OAuthException.invalidToken("The access token's client no longer exists."));
        Map<String, Object> claims = userClaims.of(site, UUID.fromString(principal.getSubject()), scopes)
                .orElseThrow(() -> OAuthException.invalidToken("The user no longer exists."));
        OpenIdSettings settings = client.openId();
        Response.ResponseBuilder response = switch (settings.userinfoResponse()) {
            case OpenIdSettings.SIGNED_JWT -> Response.ok(tokens.userInfo(site, clientId, claims), "application/jwt");
            case OpenIdSettings.SIGNED_AND_ENCRYPTED_JWT -> Response.ok(encryption.encrypt(
                            tokens.userInfo(site, clientId, claims), settings)
                    .orElseThrow(() -> new OAuthException(503, "temporarily_unavailable", "The application's "
                            + "encryption key cannot be read (jwksUri); retry, or register the key as jwks.")),
                    "application/jwt");
            default -> Response.ok(claims, MediaType.APPLICATION_JSON);
        };
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OAuthException.invalidToken("A bearer access token is required.");
        }
        return authorization.substring(7).trim();
    }
}
