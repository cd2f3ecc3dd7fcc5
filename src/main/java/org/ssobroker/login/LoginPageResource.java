package org.ssobroker.login;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.IdentityProvider;
import org.ssobroker.mapping.EmailDomains;
import org.ssobroker.site.LoginUrl;
import org.ssobroker.site.Site;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.FormBody;
import org.ssobroker.support.PublicUrls;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A site's login page: one button per visible IdP of the login URL, and an email field that
 * routes to the IdP whose email domains match (hidden IdPs included). One visible method
 * only: straight to it. Plain HTML, no JavaScript.
 */
@Path("/site/{site}/login/{loginUrl: [a-z0-9-]+}")
@Produces(MediaType.TEXT_HTML)
public class LoginPageResource {

    private final LoginPages pages;
    private final PublicUrls urls;

    public LoginPageResource(LoginPages pages, PublicUrls urls) {
        this.pages = pages;
        this.urls = urls;
    }

    private record Page(Site site, LoginUrl loginUrl, List<IdentityProvider> idps) {
    }

    @GET
    @Transactional
    public Response page(@PathParam("site") String site, @PathParam("loginUrl") String loginUrlName,
            @QueryParam("redirect_uri") String redirectUri, @QueryParam("authz") String authz) {
        Page page = load(site, loginUrlName);
        if (page == null) {
            return notFound();
        }
        List<IdentityProvider> visible = page.idps.stream().filter(idp -> !idp.hideLoginButton).toList();
        boolean emailRouting = page.idps.stream().anyMatch(idp -> !idp.emailDomains.isEmpty());
        if (visible.size() == 1 && !emailRouting) {
            return Response.seeOther(URI.create(urls.base() + authorizationHref(site, visible.get(0).nameId, redirectUri, authz)))
                    .build();
        }
        return render(page, visible, emailRouting, redirectUri, authz, null, 200);
    }

    @POST
    @Transactional
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response routeByEmail(@PathParam("site") String site, @PathParam("loginUrl") String loginUrlName,
            String body) {
        Page page = load(site, loginUrlName);
        if (page == null) {
            return notFound();
        }
        MultivaluedMap<String, String> form;
        try {
            form = FormBody.parse(body);
        } catch (FormBody.MalformedFormException e) {
            return pages.message(400, "Sign-in failed", "The form could not be read: " + e.getMessage(), null,
                    "/site/" + site + "/login/" + loginUrlName);
        }
        String email = form.getFirst("email");
        String redirectUri = form.getFirst("redirect_uri");
        String authz = form.getFirst("authz");
        String address = email == null ? "" : email.trim();
        List<IdentityProvider> matching = page.idps.stream()
                .filter(idp -> !idp.emailDomains.isEmpty() && EmailDomains.allowed(idp.emailDomains, address))
                .toList();
        if (!address.contains("@") || matching.isEmpty()) {
            List<IdentityProvider> visible = page.idps.stream().filter(idp -> !idp.hideLoginButton).toList();
            String error = address.contains("@")
                    ? "No sign-in method of this page accepts " + address + ". Use one of the buttons, or ask your "
                            + "administrator which address to use."
                    : "Enter your work email address.";
            return render(page, visible, true, redirectUri, authz, error, 200);
        }
        return Response.seeOther(URI.create(urls.base() + authorizationHref(site, matching.get(0).nameId, redirectUri, authz)))
                .build();
    }

    private Page load(String site, String loginUrlName) {
        Site found = SiteKeys.valid(site) ? Site.findById(site) : null;
        LoginUrl loginUrl = found == null ? null : LoginUrl.find(site, loginUrlName).orElse(null);
        if (loginUrl == null) {
            return null;
        }
        List<IdentityProvider> idps = IdentityProvider.list("loginUrlId = ?1 order by displayName", loginUrl.id);
        return new Page(found, loginUrl, idps);
    }

    private Response render(Page page, List<IdentityProvider> visible, boolean emailRouting, String redirectUri,
            String authz, String error, int status) {
        String site = page.site.key;
        List<LoginPages.Button> buttons = visible.stream()
                .map(idp -> new LoginPages.Button(idp.nameId, idp.displayName, authorizationHref(site, idp.nameId,
                        redirectUri, authz)))
                .toList();
        return pages.loginPage(page.site.name, page.loginUrl.title, buttons, emailRouting,
                "/site/" + site + "/login/" + page.loginUrl.name, redirectUri, authz, error, status);
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
