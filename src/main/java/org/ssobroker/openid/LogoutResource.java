package org.ssobroker.openid;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.ssobroker.login.AppRedirects;
import org.ssobroker.login.LoginPages;
import org.ssobroker.security.SigningKeys;
import org.ssobroker.token.AuthenticatedClient;
import org.ssobroker.token.ClientAuthenticator;
import org.ssobroker.token.OpenIdTokens;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). The broker keeps no session of
 * its own, so there is nothing to end here: the page confirms, and with a
 * {@code post_logout_redirect_uri} registered for the app (named by the id_token_hint's audience,
 * or {@code client_id}) the browser goes back to it with {@code state}. An id_token_hint must be
 * one this site issued (signature and issuer; an expired one is fine, OIDC says so).
 */
@Path("/site/{site}/logout")
@Produces(MediaType.TEXT_HTML)
public class LogoutResource {

    private final ClientAuthenticator clients;
    private final OpenIdTokens tokens;
    private final LoginPages pages;
    private final JwtConsumer hints;

    public LogoutResource(ClientAuthenticator clients, OpenIdTokens tokens, LoginPages pages, SigningKeys keys) {
        this.clients = clients;
        this.tokens = tokens;
        this.pages = pages;
        this.hints = new JwtConsumerBuilder()
                .setVerificationKey(keys.publicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setSkipDefaultAudienceValidation()
                .setRequireSubject()
                // an expired id_token still names who signs out
                .setSkipAllDefaultValidators()
                .build();
    }

    @GET
    public Response logout(@PathParam("site") String site, @QueryParam("id_token_hint") String idTokenHint,
            @QueryParam("post_logout_redirect_uri") String redirectUri, @QueryParam("state") String state,
            @QueryParam("client_id") String clientId) {
        if (!SiteIssuers.exists(site)) {
            return pages.message(404, "Page not found", "There is no such site.", null, null);
        }
        String audience = null;
        if (idTokenHint != null && !idTokenHint.isBlank()) {
            Optional<String> hinted = audience(site, idTokenHint);
            if (hinted.isEmpty()) {
                return pages.message(400, "Sign-out refused", "The id_token_hint was not issued by this site.",
                        null, null);
            }
            audience = hinted.get();
        }
        if (audience != null && clientId != null && !audience.equals(clientId)) {
            return pages.message(400, "Sign-out refused", "The client_id differs from the id_token_hint's audience.",
                    null, null);
        }
        String app = audience != null ? audience : clientId;
        if (redirectUri == null || redirectUri.isBlank()) {
            return pages.message(200, "Signed out", "You are signed out.", null, null);
        }
        boolean registered = app != null && clients.known(app)
                .filter(c -> site.equals(c.siteKey()))
                .map(AuthenticatedClient::openId)
                .filter(o -> o.postLogoutRedirectUris().contains(redirectUri))
                .isPresent();
        if (!registered) {
            return pages.message(400, "Redirect not allowed", "The address to return to after sign-out "
                    + "(post_logout_redirect_uri) is not registered for this application.", "Register the exact URL "
                    + "in the client app's postLogoutRedirectUris, and send id_token_hint or client_id.", null);
        }
        return Response.seeOther(URI.create(AppRedirects.with(redirectUri, "state", state)))
                .header("Cache-Control", "no-store").build();
    }

    /** The audience of an id_token this site issued (typ JWT, not an access token), or empty. */
    private Optional<String> audience(String site, String idToken) {
        try {
            JwtContext context = hints.process(idToken);
            JwtClaims claims = context.getJwtClaims();
            if (!"JWT".equals(context.getJoseObjects().get(0).getHeader("typ"))
                    || !tokens.issuer(site).equals(claims.getIssuer())) {
                return Optional.empty();
            }
            List<String> audience = claims.getAudience();
            return audience.size() == 1 ? Optional.of(audience.get(0)) : Optional.empty();
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
