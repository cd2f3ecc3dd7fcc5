package org.ssobroker.openid;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.ssobroker.login.AppRedirects;
import org.ssobroker.login.LoginPageService;
import org.ssobroker.login.LoginPages;
import org.ssobroker.login.LoginPaths;
import org.ssobroker.login.PendingAuthorizations;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.FormBody;
import org.ssobroker.token.AuthenticatedClient;
import org.ssobroker.token.ClientAuthenticator;
import org.ssobroker.token.CodeRequest;
import org.ssobroker.token.GrantTypes;
import org.ssobroker.token.OpenIdScopes;
import org.ssobroker.token.OpenIdTokens;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A site's OpenID Provider authorization endpoint (OIDC Core 3.1.2). The client and its exact
 * redirect URI are checked first: until both are known an error is a page, never a redirect
 * (an open redirector otherwise). Later errors go back to the app (RFC 6749 4.1.2.1) with
 * {@code state} and {@code iss}. A valid request is sealed and handed to the chosen IdP's
 * Authorization Base URL, directly ({@code idp_hint}, or {@code login_hint} matching an IdP's
 * email domains) or through the site's login page.
 *
 * <p>The broker keeps no session of its own (see README, "OpenID Provider"): every request
 * signs in at the IdP, so {@code prompt=login} is always honoured and {@code prompt=none}
 * always answers {@code login_required}.
 */
@Path("/site/{site}/authorize")
@Produces(MediaType.TEXT_HTML)
public class AuthorizeResource {

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_STATE_CHARS = 512;
    private static final int MAX_NONCE_CHARS = 500;

    private final ClientAuthenticator clients;
    private final PendingAuthorizations authorizations;
    private final OpenIdTokens tokens;
    private final LoginPages pages;
    private final LoginPageService loginPages;

    public AuthorizeResource(ClientAuthenticator clients, PendingAuthorizations authorizations, OpenIdTokens tokens,
            LoginPages pages, LoginPageService loginPages) {
        this.loginPages = loginPages;
        this.clients = clients;
        this.authorizations = authorizations;
        this.tokens = tokens;
        this.pages = pages;
    }

    /** An error sent back to the app's redirect URI. */
    private static final class RedirectError extends RuntimeException {
        final String error;

        RedirectError(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }
    }

    @GET
    public Response authorize(@PathParam("site") String site, @Context UriInfo uri) {
        return authorize(site, uri.getQueryParameters());
    }

    /** OIDC Core 3.1.2.1: the same request as a form post. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response authorizeByPost(@PathParam("site") String site, String body) {
        try {
            return authorize(site, FormBody.parse(body));
        } catch (FormBody.MalformedFormException e) {
            return pages.message(400, "Sign-in refused", "The request could not be read: " + e.getMessage(), null,
                    null);
        }
    }

    private Response authorize(String site, MultivaluedMap<String, String> query) {
        String clientId = first(query, "client_id");
        String redirectUri = first(query, "redirect_uri");
        Optional<AuthenticatedClient> client = clientId == null ? Optional.empty() : clients.known(clientId)
                .filter(c -> site.equals(c.siteKey()) && c.grantTypes().contains(GrantTypes.AUTHORIZATION_CODE));
        if (client.isEmpty()) {
            return pages.message(400, "Unknown application", "The application asking you to sign in (client_id) "
                    + "is not registered in this site for sign-in.", "Register it as a client app of this site with "
                    + "the authorization_code grant.", null);
        }
        if (redirectUri == null || !client.get().redirectUris().contains(redirectUri)
                || query.get("redirect_uri").size() > 1) {
            return pages.message(400, "Redirect not allowed", "The address to return to after sign-in "
                    + "(redirect_uri) is not registered for this application.", "Register the exact URL in the "
                    + "client app's redirectUris.", null);
        }
        String state = first(query, "state");
        if (state != null && state.length() > MAX_STATE_CHARS) {
            return error(redirectUri, null, site, "invalid_request", "The state is longer than " + MAX_STATE_CHARS
                    + " characters.");
        }
        try {
            String target = route(site, client.get(), redirectUri, state, query);
            return Response.seeOther(URI.create(target)).header("Cache-Control", "no-store").build();
        } catch (RedirectError e) {
            return error(redirectUri, state, site, e.error, e.getMessage());
        }
    }

    private String route(String site, AuthenticatedClient client, String redirectUri, String state,
            MultivaluedMap<String, String> query) {
        for (String name : List.of("response_type", "client_id", "scope", "state", "nonce", "code_challenge",
                "code_challenge_method", "prompt", "login_hint", "idp_hint")) {
            if (query.containsKey(name) && query.get(name).size() > 1) {
                throw new RedirectError("invalid_request", "The " + name + " parameter is repeated.");
            }
        }
        String responseType = first(query, "response_type");
        if (responseType == null) {
            throw new RedirectError("invalid_request", "The response_type parameter is required.");
        }
        if (!"code".equals(responseType)) {
            throw new RedirectError("unsupported_response_type", "Only response_type=code is supported.");
        }
        if (query.containsKey("request")) {
            throw new RedirectError("request_not_supported", "Request objects are not supported.");
        }
        if (query.containsKey("request_uri")) {
            throw new RedirectError("request_uri_not_supported", "Request objects are not supported.");
        }
        Set<String> requested = Scopes.parse(first(query, "scope"));
        if (!requested.contains(OpenIdScopes.OPENID)) {
            throw new RedirectError("invalid_scope", "The scope must include openid.");
        }
        String nonce = first(query, "nonce");
        if (nonce != null && nonce.length() > MAX_NONCE_CHARS) {
            throw new RedirectError("invalid_request", "The nonce is longer than " + MAX_NONCE_CHARS + " characters.");
        }
        String challenge = pkceChallenge(client, first(query, "code_challenge"), first(query, "code_challenge_method"));
        Set<String> prompt = Scopes.parse(first(query, "prompt"));
        if (prompt.contains("none")) {
            if (prompt.size() > 1) {
                throw new RedirectError("invalid_request", "prompt=none cannot be combined with other values.");
            }
            throw new RedirectError("login_required", "The broker keeps no session: the user must sign in.");
        }
        String scope = Scopes.format(OpenIdScopes.granted(requested, client.scopes()));
        String authz = authorizations.seal(site, redirectUri,
                new CodeRequest(client.clientId(), true, scope, state, nonce, challenge));
        String carried = "?authz=" + URLEncoder.encode(authz, StandardCharsets.UTF_8);
        String idpHint = first(query, "idp_hint");
        if (idpHint != null) {
            if (!loginPages.hasIdp(site, idpHint)) {
                throw new RedirectError("invalid_request", "There is no sign-in method '" + idpHint + "' (idp_hint).");
            }
            return LoginPaths.authorizationPath(site, idpHint) + carried;
        }
        Optional<String> byEmail = byEmailDomain(site, first(query, "login_hint"));
        if (byEmail.isPresent()) {
            return LoginPaths.authorizationPath(site, byEmail.get()) + carried;
        }
        String loginUrl = client.openId().loginUrl() != null ? client.openId().loginUrl()
                : loginPages.firstLoginUrl(site).orElseThrow(() -> new RedirectError("temporarily_unavailable",
                                "This site has no login page yet."));
        return "/site/" + site + "/login/" + loginUrl + carried;
    }

    /** PKCE: S256 only (plain would hand the verifier to whoever reads the URL); required of public clients. */
    private static String pkceChallenge(AuthenticatedClient client, String challenge, String method) {
        if (challenge == null) {
            if (client.openId().publicClient()) {
                throw new RedirectError("invalid_request", "A public client must use PKCE (code_challenge with "
                        + "code_challenge_method=S256).");
            }
            if (method != null) {
                throw new RedirectError("invalid_request", "code_challenge_method without code_challenge.");
            }
            return null;
        }
        if (!"S256".equals(method)) {
            throw new RedirectError("invalid_request", "Only code_challenge_method=S256 is supported.");
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw new RedirectError("invalid_request", "The code_challenge must be a base64url SHA-256 (43 characters).");
        }
        return challenge;
    }

    /** The first IdP of the site whose email domains accept the hinted address. */
    private Optional<String> byEmailDomain(String site, String loginHint) {
        if (loginHint == null || !loginHint.contains("@")) {
            return Optional.empty();
        }
        return loginPages.idpForEmail(site, loginHint.trim());
    }

    private Response error(String redirectUri, String state, String site, String error, String description) {
        return Response.seeOther(URI.create(AppRedirects.with(redirectUri, "error", error, "error_description",
                description, "state", state, "iss", tokens.issuer(site))))
                .header("Cache-Control", "no-store").build();
    }

    private static String first(MultivaluedMap<String, String> query, String name) {
        String value = query.getFirst(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
