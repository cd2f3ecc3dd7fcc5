package org.ssobroker.login;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.ssobroker.support.FormBody;
import org.ssobroker.support.PublicUrls;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A site's login page: one button per visible IdP of the login URL, and an email field that
 * routes to the IdP whose email domains match (hidden IdPs included). One visible method
 * only: straight to it. Plain HTML, no JavaScript.
 */
@Path("/site/{site}/login/{loginUrl: [a-z0-9-]+}")
@Produces(MediaType.TEXT_HTML)
public class LoginPageResource {

    private final LoginPageService loginPages;
    private final LoginPages pages;
    private final PublicUrls urls;

    public LoginPageResource(LoginPageService loginPages, LoginPages pages, PublicUrls urls) {
        this.loginPages = loginPages;
        this.pages = pages;
        this.urls = urls;
    }

    @GET
    public Response page(@PathParam("site") String site, @PathParam("loginUrl") String loginUrlName,
            @QueryParam("redirect_uri") String redirectUri, @QueryParam("authz") String authz) {
        Optional<LoginPage> found = loginPages.find(site, loginUrlName);
        if (found.isEmpty()) {
            return notFound();
        }
        LoginPage page = found.get();
        List<LoginPage.Option> visible = page.visible();
        if (visible.size() == 1 && !page.emailRouting()) {
            return redirectTo(page, visible.get(0), redirectUri, authz);
        }
        return render(page, page.emailRouting(), redirectUri, authz, null);
    }

    @POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response routeByEmail(@PathParam("site") String site, @PathParam("loginUrl") String loginUrlName,
            String body) {
        Optional<LoginPage> found = loginPages.find(site, loginUrlName);
        if (found.isEmpty()) {
            return notFound();
        }
        LoginPage page = found.get();
        MultivaluedMap<String, String> form;
        try {
            form = FormBody.parse(body);
        } catch (FormBody.MalformedFormException e) {
            return pages.message(400, "Sign-in failed", "The form could not be read: " + e.getMessage(), null,
                    page.path());
        }
        String email = form.getFirst("email");
        String redirectUri = form.getFirst("redirect_uri");
        String authz = form.getFirst("authz");
        String address = email == null ? "" : email.trim();
        List<LoginPage.Option> matching = page.accepting(address);
        if (!address.contains("@") || matching.isEmpty()) {
            String error = address.contains("@")
                    ? "No sign-in method of this page accepts " + address + ". Use one of the buttons, or ask your "
                            + "administrator which address to use."
                    : "Enter your work email address.";
            return render(page, true, redirectUri, authz, error);
        }
        return redirectTo(page, matching.get(0), redirectUri, authz);
    }

    private Response redirectTo(LoginPage page, LoginPage.Option idp, String redirectUri, String authz) {
        return Response.seeOther(URI.create(urls.base() + authorizationHref(page.siteKey(), idp.nameId(), redirectUri,
                authz))).build();
    }

    private Response render(LoginPage page, boolean emailRouting, String redirectUri, String authz, String error) {
        List<LoginPages.Button> buttons = page.visible().stream()
                .map(idp -> new LoginPages.Button(idp.nameId(), idp.displayName(), authorizationHref(page.siteKey(),
                        idp.nameId(), redirectUri, authz)))
                .toList();
        return pages.loginPage(page.siteName(), page.title(), buttons, emailRouting, page.path(), redirectUri, authz,
                error, 200);
    }

    private Response notFound() {
        return pages.message(404, "Page not found", "There is no such login page.", null, null);
    }

    /** The IdP's Authorization Base URL, carrying the app's redirect URI or a pending OpenID request ({@code authz}). */
    static String authorizationHref(String site, String nameId, String redirectUri, String authz) {
        String path = LoginPaths.authorizationPath(site, nameId);
        if (authz != null && !authz.isBlank()) {
            return path + "?authz=" + URLEncoder.encode(authz, StandardCharsets.UTF_8);
        }
        return redirectUri == null || redirectUri.isBlank() ? path
                : path + "?redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
    }
}
