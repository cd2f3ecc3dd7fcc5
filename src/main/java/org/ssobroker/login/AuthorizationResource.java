package org.ssobroker.login;

import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.IdTokenPolicy;
import org.ssobroker.upstream.ClaimSources;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.idp.OidcDiscovery;
import org.ssobroker.saml.AuthnRequests;
import org.ssobroker.support.BrokerMetrics;
import org.ssobroker.support.LoginRefusal;
import org.ssobroker.support.PublicUrls;
import io.quarkus.logging.Log;
import org.ssobroker.token.ClientAuthenticator;
import org.ssobroker.token.CodeRequest;
import org.ssobroker.token.GrantTypes;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The browser login per IdP. The start validates the request and remembers it in a sealed cookie.
 * An OIDC IdP: the browser goes to the callback path, which quarkus-oidc guards: it redirects to
 * the IdP (state, nonce, PKCE), exchanges the code and verifies the id_token; the callback method
 * then hands the claims to {@link LoginCompletion}. A SAML IdP: the browser goes to the IdP with an
 * AuthnRequest, and the IdP's answer arrives at {@link SamlAssertionConsumer}.
 */
@Path("/site/{site}")
@Produces(MediaType.TEXT_HTML)
public class AuthorizationResource {

    private final IdpDirectory directory;
    private final LoginIntentCookies intents;
    private final LoginPages pages;
    private final LoginCompletion completion;
    private final AuthnRequests authnRequests;
    private final SecurityIdentity identity;
    private final OidcSession session;
    private final BrokerMetrics metrics;
    private final IdTokenPolicy policy;
    private final ClaimSources claimSources;
    private final IdpTenantResolver tenants;
    private final boolean https;
    private final PublicUrls urls;
    private final PendingAuthorizations authorizations;
    private final ClientAuthenticator clients;

    /** The app's state is echoed in a URL and kept in a cookie: bounded. */
    static final int MAX_STATE_CHARS = 512;

    public AuthorizationResource(IdpDirectory directory, LoginIntentCookies intents, LoginPages pages,
            LoginCompletion completion, AuthnRequests authnRequests, SecurityIdentity identity, OidcSession session,
            BrokerMetrics metrics, IdTokenPolicy policy, IdpTenantResolver tenants, PublicUrls urls,
            PendingAuthorizations authorizations, ClientAuthenticator clients, ClaimSources claimSources) {
        this.claimSources = claimSources;
        this.policy = policy;
        this.tenants = tenants;
        this.https = urls.https();
        this.urls = urls;
        this.authorizations = authorizations;
        this.clients = clients;
        this.directory = directory;
        this.intents = intents;
        this.pages = pages;
        this.completion = completion;
        this.authnRequests = authnRequests;
        this.identity = identity;
        this.session = session;
        this.metrics = metrics;
    }

    /**
     * The "Authorization Base URL": {@code ?redirect_uri=} must be allowed; {@code ?test=true} tests the
     * connection; {@code ?state=} is echoed to the app and {@code ?client_id=} binds the code to that
     * client app; {@code ?authz=} carries a validated OpenID request from {@code /site/{site}/authorize}.
     */
    @GET
    @Path("oauth2/authorization/{nameId}")
    public Response start(@PathParam("site") String site, @PathParam("nameId") String nameId,
            @QueryParam("redirect_uri") String redirectUri, @QueryParam("test") boolean test,
            @QueryParam("state") String state, @QueryParam("client_id") String clientId,
            @QueryParam(PendingAuthorizations.PARAMETER) String authz) {
        Optional<RegisteredIdp> idp = directory.find(site, nameId);
        if (idp.isEmpty()) {
            return pages.message(404, "Sign-in method not found",
                    "There is no sign-in method '" + nameId + "' for this site (it may have been removed).", null, null);
        }
        LoginIntent intent;
        if (authz != null) {
            Optional<PendingAuthorizations.Pending> pending = authorizations.open(site, authz);
            if (pending.isEmpty()) {
                return pages.message(400, "Sign-in expired", "This sign-in request expired or was altered, so "
                        + "nothing was done. Go back to the application and sign in again.", null, null);
            }
            intent = new LoginIntent(pending.get().redirectUri(), false, pending.get().request());
        } else {
            String redirect = redirectUri == null || redirectUri.isBlank() ? null : redirectUri;
            if (redirect != null && !idp.get().allowedRedirectUrls().contains(redirect)) {
                return pages.message(400, "Redirect not allowed", "The address to return to after sign-in is not one "
                        + "of the allowed redirect URLs of this sign-in method.", "Add the exact URL to the IdP's "
                        + "allowed redirect URLs in the broker, or start the sign-in without redirect_uri.", null);
            }
            Optional<Response> refused = refuseClient(site, clientId, redirect);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (state != null && state.length() > MAX_STATE_CHARS) {
                return pages.message(400, "Sign-in refused", "The state parameter is longer than " + MAX_STATE_CHARS
                        + " characters.", null, null);
            }
            boolean bound = redirect != null && !test && (state != null || clientId != null);
            intent = new LoginIntent(redirect, test,
                    bound ? new CodeRequest(blankToNull(clientId), false, null, state, null, null) : null);
        }
        if (idp.get().usesSaml()) {
            return startSaml(idp.get(), intent, test);
        }
        try {
            tenants.prepare(idp.get());
        } catch (OidcDiscovery.DiscoveryException e) {
            Log.warnf("Sign-in to %s/%s cannot start: %s", site, nameId, e.getMessage());
            return pages.message(502, "Sign-in provider unavailable", "The identity provider cannot be reached right "
                    + "now" + (test ? ": " + e.getMessage() + "." : "."), "Try again in a few minutes; if it "
                    + "persists, tell the site's administrator.", LoginPaths.authorizationPath(site, nameId));
        }
        // Absolute, from the public base URL: never a host or scheme taken from the request.
        return Response.seeOther(URI.create(urls.base() + LoginPaths.callbackPath(site, nameId)))
                .cookie(intents.issue(site, nameId, intent, https))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * A SAML IdP: the browser goes to the IdP with an AuthnRequest (HTTP-Redirect binding); the
     * request's id, kept in the intent cookie, is what the response must answer.
     */
    private Response startSaml(RegisteredIdp idp, LoginIntent intent, boolean test) {
        AuthnRequests.Start start;
        try {
            start = authnRequests.start(idp);
        } catch (LoginRefusal e) {
            Log.warnf("Sign-in to %s/%s cannot start: %s", idp.siteKey(), idp.nameId(), e.getMessage());
            return pages.message(502, "Sign-in provider unavailable", "The identity provider cannot be reached right "
                    + "now" + (test ? ": " + e.getMessage() : "."), "Try again in a few minutes; if it persists, tell "
                    + "the site's administrator.", LoginPaths.authorizationPath(idp.siteKey(), idp.nameId()));
        }
        return Response.seeOther(start.location())
                .cookie(intents.issue(idp.siteKey(), idp.nameId(), intent.withSamlRequest(start.requestId()), https))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** A {@code client_id} on the Authorization Base URL must be a code-flow app of this site holding the redirect. */
    private Optional<Response> refuseClient(String site, String clientId, String redirect) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        boolean known = clients.known(clientId)
                .filter(c -> site.equals(c.siteKey()) && c.grantTypes().contains(GrantTypes.AUTHORIZATION_CODE))
                .filter(c -> redirect != null && c.redirectUris().contains(redirect))
                .isPresent();
        return known ? Optional.empty() : Optional.of(pages.message(400, "Unknown application", "The application "
                + "(client_id) is not registered in this site for sign-in with this redirect URL.", "Register the "
                + "redirect URL on the client app, and give redirect_uri along with client_id.", null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Runs after quarkus-oidc has completed the code flow for this IdP. */
    @GET
    @Path("login/oauth2/code/{nameId}")
    @Authenticated
    @AuthorizationCodeFlow
    public Response callback(@PathParam("site") String site, @PathParam("nameId") String nameId,
            @Context HttpHeaders headers) {
        Optional<LoginIntent> intent = readIntent(site, nameId, headers);
        // The broker keeps no IdP session: every visit to the authorization URL is a fresh login.
        session.logout().await().indefinitely();
        if (intent.isEmpty()) {
            // Expired during a slow IdP login, forged, or the callback opened directly: store nothing,
            // mail nothing (a test connection must never turn into a real login).
            metrics.login(site, nameId, "expired");
            return pages.message(400, "Sign-in expired", "This sign-in took too long or was not started here, so "
                    + "nothing was done. Start again.", null, LoginPaths.authorizationPath(site, nameId));
        }
        Optional<RegisteredIdp> found = directory.find(site, nameId);
        if (found.isEmpty()) {
            return pages.message(404, "Sign-in method not found", "This sign-in method was removed.", null, null);
        }
        RegisteredIdp idp = found.get();
        return completion.finish(idp, intent.get(), () -> {
            Map<String, Object> idToken = OidcClaims.idToken(identity);
            policy.check(OidcClaims.idTokenHeader(identity), idToken, String.valueOf(idToken.get("iss")),
                    idp.oidc().clientId());
            return claimSources.browser(idp, idToken, OidcClaims.userInfo(identity));
        }).cookie(intents.clear(site, nameId, https)).build();
    }

    /** The IdP answered with an error (quarkus-oidc forwards it here). */
    @GET
    @Path("login/error/{nameId}")
    public Response idpError(@PathParam("site") String site, @PathParam("nameId") String nameId,
            @QueryParam("error") String error, @QueryParam("error_description") String description,
            @Context HttpHeaders headers) {
        metrics.loginAt(directory.find(site, nameId).isPresent(), site, nameId, "idp_error");
        Optional<Response.ResponseBuilder> toApp = completion.idpRefusalToApp(site,
                readIntent(site, nameId, headers).orElse(null), "access_denied".equals(error));
        if (toApp.isPresent()) {
            return toApp.get().cookie(intents.clear(site, nameId, https)).build();
        }
        String text = "The identity provider refused the sign-in"
                + (error == null ? "." : ": " + error + (description == null ? "." : " (" + description + ")."));
        return pages.message("access_denied".equals(error) ? 403 : 400, "Sign-in failed", text,
                IdpErrorHints.hint(error), LoginPaths.authorizationPath(site, nameId));
    }

    private Optional<LoginIntent> readIntent(String site, String nameId, HttpHeaders headers) {
        return intents.read(site, nameId, Optional.ofNullable(headers.getCookies().get(intents.name(site, nameId)))
                .map(jakarta.ws.rs.core.Cookie::getValue).orElse(null));
    }
}
