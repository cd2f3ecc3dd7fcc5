package org.ssobroker.token;

import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.security.Caller;
import org.ssobroker.security.CallerContext;
import org.ssobroker.security.Permissions;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.RefusalAnswers;

import java.util.Optional;

/**
 * The contract's exchange endpoint: a client app holding scope
 * {@code site_{site}_provisionByOpenIdToken_{nameId}} swaps the IdP's id_token for the
 * broker's tokens of that user.
 */
@Path("/rest/external/site/{site}/idp/{nameId}/provisionByOpenIdToken")
public class ProvisionByOpenIdTokenResource {

    private final CallerContext callers;
    private final TokenExchange exchange;
    private final ClientAuthenticator clients;

    public ProvisionByOpenIdTokenResource(CallerContext callers, TokenExchange exchange, ClientAuthenticator clients) {
        this.callers = callers;
        this.exchange = exchange;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.PROVISION)
    public Response provision(@PathParam("site") String site, @PathParam("nameId") String nameId,
            ProvisionByOpenIdTokenRequest body) {
        Caller caller = callers.require();
        AuthenticatedClient client = clients.known(caller.clientId())
                .orElseThrow(() -> OAuthException.invalidToken("The client of this access token no longer exists."));
        if (body == null || body.openIdToken() == null || body.openIdToken().isBlank()) {
            throw OAuthException.invalidRequest("The body must be {\"openIdToken\": \"<the IdP's id_token>\"}.");
        }
        RegisteredIdp idp = exchange.idp(site, nameId)
                .orElseThrow(() -> new OAuthException(404, "invalid_request", "No IdP '" + nameId + "' in site '"
                        + site + "'."));
        TokenExchange.Result result = exchange.exchange(idp, body.openIdToken(),
                Optional.ofNullable(body.accessToken()).filter(t -> !t.isBlank()), client,
                RefusalAnswers.TokenError.INVALID_TOKEN);
        return Response.ok(TokenResponse.of(result.accessToken(), result.refreshToken()))
                .header("Cache-Control", "no-store").build();
    }
}
