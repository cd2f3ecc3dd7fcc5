package org.ssobroker.console;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.OAuthException;
import org.ssobroker.token.AuthenticatedClient;
import org.ssobroker.token.ClientAuthenticator;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Getting into the console: platform operators with the platform admin client's credentials
 * (checked by the token endpoint's client authentication), users of a site through the site's
 * own login page. Each sign-in starts a new session; signing out clears it.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@SignedOutPage
public class ConsoleSignInResource {

    private final ConsoleSessions sessions;
    private final ConsoleSignIn signIn;
    private final ConsoleDirectory directory;
    private final ClientAuthenticator clients;
    private final ConsolePages pages;

    public ConsoleSignInResource(ConsoleSessions sessions, ConsoleSignIn signIn, ConsoleDirectory directory,
            ClientAuthenticator clients, ConsolePages pages) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.directory = directory;
        this.clients = clients;
        this.pages = pages;
    }

    /** The console's home: the signed-in operator's start page, or the sign-in page. */
    @GET
    public Response home(@CookieParam(ConsoleSessions.COOKIE) String cookie) {
        Optional<ConsoleSession> session = sessions.open(cookie);
        String target = session.isEmpty() ? ConsolePaths.ROOT + "/sign-in"
                : session.get().platform() ? ConsolePaths.ROOT + "/sites"
                : ConsolePaths.ROOT + "/site/" + session.get().site();
        return Response.seeOther(URI.create(target)).build();
    }

    @GET
    @Path("sign-in")
    public Response signInPage(@QueryParam("next") String next) {
        return pages.signIn(200, ConsolePaths.safeNext(next), null, null, null, null);
    }

    /** A platform operator signs in with the platform admin client id and secret. */
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response platformSignIn(@FormParam("clientId") String clientId, @FormParam("clientSecret") String secret,
            @FormParam("next") String next) {
        String id = clientId == null ? "" : clientId.trim();
        AuthenticatedClient client = null;
        if (!id.isEmpty() && secret != null && !ControlCharacters.anyIn(id) && !ControlCharacters.anyIn(secret)) {
            try {
                client = clients.authenticate(id, secret);
            } catch (OAuthException e) {
                client = null;
            }
        }
        if (client == null || !client.scopes().contains(Scopes.PLATFORM_ADMIN)) {
            // Like the token endpoint: never which part was wrong.
            return pages.signIn(401, ConsolePaths.safeNext(next), null, null,
                    "The client id or secret is wrong, or the client is not the platform admin client.",
                    ControlCharacters.anyIn(id) ? null : id);
        }
        String target = Optional.ofNullable(ConsolePaths.safeNext(next)).orElse(ConsolePaths.ROOT + "/sites");
        return Response.seeOther(URI.create(target)).cookie(sessions.cookie(sessions.platform(id))).build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        return Response.seeOther(URI.create(ConsolePaths.ROOT + "/sign-in")).cookie(sessions.clear()).build();
    }

    /** The site form of the sign-in page: on to that site's login. */
    @GET
    @Path("sign-in/site")
    public Response chooseSite(@QueryParam("site") String site, @QueryParam("next") String next) {
        String key = site == null ? "" : site.trim();
        if (directory.site(key).isEmpty()) {
            return pages.signIn(404, ConsolePaths.safeNext(next), ControlCharacters.anyIn(key) ? null : key,
                    "There is no site with this key.", null, null);
        }
        String safe = ConsolePaths.safeNext(next);
        return Response.seeOther(URI.create(ConsolePaths.ROOT + "/site/" + key + "/sign-in"
                + (safe == null ? "" : "?next=" + java.net.URLEncoder.encode(safe,
                java.nio.charset.StandardCharsets.UTF_8)))).build();
    }

    /** A site user's sign-in: the site's login page (a choice when it has several), with the console's request. */
    @GET
    @Path("site/{site}/sign-in")
    public Response siteSignIn(@PathParam("site") String site, @QueryParam("loginUrl") String loginUrl,
            @QueryParam("next") String next) {
        Optional<ConsoleDirectory.SiteInfo> found = directory.site(site);
        if (found.isEmpty()) {
            return pages.message(404, "Site not found", "There is no site '" + site + "'.", ConsolePaths.ROOT
                    + "/sign-in");
        }
        List<ConsoleDirectory.LoginPage> logins = directory.loginPages(site);
        if (logins.isEmpty()) {
            return pages.message(409, "No login page yet", "This site has no login URL yet, so its users cannot sign "
                    + "in. A platform operator can create one.", ConsolePaths.ROOT + "/sign-in");
        }
        Optional<ConsoleDirectory.LoginPage> chosen = logins.size() == 1 ? Optional.of(logins.get(0))
                : logins.stream().filter(l -> l.name().equals(loginUrl)).findFirst();
        String safe = ConsolePaths.safeNext(next);
        if (chosen.isEmpty()) {
            return pages.chooseLogin(site, found.get().name(), logins.stream()
                    .map(l -> new ConsolePages.LoginChoice(l.title(), ConsolePaths.ROOT + "/site/" + site
                            + "/sign-in?loginUrl=" + l.name() + (safe == null ? "" : "&next="
                            + java.net.URLEncoder.encode(safe, java.nio.charset.StandardCharsets.UTF_8))))
                    .toList());
        }
        ConsoleSignIn.Start start = signIn.start(site, chosen.get().name(), safe);
        return Response.seeOther(URI.create(start.loginPage())).cookie(start.cookie())
                .header("Cache-Control", "no-store").build();
    }

    /**
     * Where the site's login sends the browser with a one-time code. The code is redeemed here;
     * the user's access right must be one of the site's console access rights.
     */
    @GET
    @Path("site/{site}/callback")
    public Response callback(@PathParam("site") String site, @QueryParam("code") String code,
            @QueryParam("state") String state, @QueryParam("iss") String iss, @QueryParam("error") String error,
            HttpHeaders headers) {
        String cookie = Optional.ofNullable(headers.getCookies().get(ConsoleSignIn.COOKIE)).map(Cookie::getValue)
                .orElse(null);
        ConsoleSignIn.Finished finished;
        try {
            if (error != null) {
                throw new ConsoleSignIn.SignInFailed("The sign-in was refused (" + error + "). Sign in again.");
            }
            finished = signIn.finish(site, cookie, code, state, iss);
        } catch (ConsoleSignIn.SignInFailed e) {
            return Response.fromResponse(pages.message(400, "Sign-in failed", e.getMessage(),
                    ConsolePaths.ROOT + "/site/" + site + "/sign-in")).cookie(signIn.clear(site)).build();
        }
        Optional<ConsoleDirectory.SiteUser> user = directory.user(site, finished.userId());
        if (user.isEmpty() || !directory.mayUseConsole(site, finished.userId())) {
            return Response.fromResponse(pages.message(403, "No console access", "You are signed in to this site, "
                    + "but your access right" + user.map(u -> u.accessRight() == null ? "" : " (" + u.accessRight()
                    + ")").orElse("") + " does not open its console. Ask a site administrator.", null))
                    .cookie(signIn.clear(site)).build();
        }
        ConsoleSession session = sessions.siteUser(site, finished.userId(), user.get().login());
        String target = Optional.ofNullable(ConsolePaths.safeNext(finished.next()))
                .filter(n -> n.startsWith(ConsolePaths.ROOT + "/site/" + site + "/") || n.equals(ConsolePaths.ROOT
                        + "/site/" + site))
                .orElse(ConsolePaths.ROOT + "/site/" + site);
        // A page, not a redirect: the session cookie is SameSite=Strict, and a redirect ending a
        // round trip that began at the IdP would arrive without it. The page's own navigation does not.
        return Response.fromResponse(pages.continueTo(target)).cookie(sessions.cookie(session), signIn.clear(site))
                .build();
    }
}
