package org.ssobroker.site;

import io.quarkus.security.PermissionsAllowed;
import org.ssobroker.security.Permissions;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;

import java.util.List;
import java.util.Optional;

@Path("/api/sites/{site}/login-urls")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoginUrlResource {

    private final CatalogReferences references;
    private final PublicUrls urls;

    public LoginUrlResource(CatalogReferences references, PublicUrls urls) {
        this.references = references;
        this.urls = urls;
    }

    @GET
    @Transactional
    public List<LoginUrlView> list(@PathParam("site") String site) {
        SiteKeys.require(site);
        return LoginUrl.<LoginUrl>list("siteKey = ?1 order by name", site).stream().map(this::view).toList();
    }

    @GET
    @Path("{loginUrl}")
    @Transactional
    public LoginUrlView get(@PathParam("site") String site, @PathParam("loginUrl") String name) {
        SiteKeys.require(site);
        return view(require(site, name));
    }

    @PUT
    @Path("{loginUrl}")
    @Transactional
    public Response put(@PathParam("site") String site, @PathParam("loginUrl") String name, LoginUrlRequest body) {
        SiteKeys.require(site);
        if (!Identifier.LOGIN_URL_NAME.valid(name)) {
            throw ProblemException.invalid("name", Identifier.LOGIN_URL_NAME.rule());
        }
        String title = body == null || body.title() == null ? "" : body.title().trim();
        if (title.isEmpty() || title.length() > 200) {
            throw ProblemException.invalid("title", title.isEmpty() ? "is required" : "must be at most 200 characters");
        }
        if (ControlCharacters.anyIn(title)) {
            throw ProblemException.invalid("title", "must be one line without control characters");
        }
        Optional<LoginUrl> existing = LoginUrl.find(site, name);
        if (existing.isPresent()) {
            existing.get().title = title;
            return Response.ok(view(existing.get())).build();
        }
        LoginUrl loginUrl = new LoginUrl();
        loginUrl.siteKey = site;
        loginUrl.name = name;
        loginUrl.title = title;
        loginUrl.persist();
        return Response.status(201).entity(view(loginUrl)).build();
    }

    @DELETE
    @Path("{loginUrl}")
    @Transactional
    public Response delete(@PathParam("site") String site, @PathParam("loginUrl") String name) {
        SiteKeys.require(site);
        LoginUrl loginUrl = require(site, name);
        List<String> linked = references.idpsLinkedTo(site, name);
        if (!linked.isEmpty()) {
            throw ProblemException.conflict("The login URL '" + name + "' is used by IdP(s) "
                    + String.join(", ", linked) + "; link them to another login URL first.");
        }
        loginUrl.delete();
        return Response.noContent().build();
    }

    private static LoginUrl require(String site, String name) {
        return LoginUrl.find(site, name)
                .orElseThrow(() -> ProblemException.notFound("No login URL '" + name + "'."));
    }

    private LoginUrlView view(LoginUrl loginUrl) {
        return new LoginUrlView(loginUrl.name, loginUrl.title,
                urls.base() + "/site/" + loginUrl.siteKey + "/login/" + loginUrl.name);
    }
}
