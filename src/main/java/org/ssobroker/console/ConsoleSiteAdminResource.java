package org.ssobroker.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.provisioning.UserService;
import org.ssobroker.provisioning.UserView;
import org.ssobroker.site.CatalogEntryView;
import org.ssobroker.site.CatalogKind;
import org.ssobroker.site.CatalogService;
import org.ssobroker.site.DescriptionRequest;
import org.ssobroker.site.LoginUrlRequest;
import org.ssobroker.site.LoginUrlService;
import org.ssobroker.site.LoginUrlView;
import org.ssobroker.support.ProblemException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A site's users (search, one user, removing an IdP link), its catalogs (access rights, groups)
 * and its login URLs, each written through the API's service. A refused change comes back as a
 * notice on the page (a catalog entry in use, a name that breaks its rule).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleSiteAdminResource {

    static final int PAGE_SIZE = 25;

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance users(Frame frame, UserService.UserPage page, String query,
                String previousHref, String nextHref);

        static native TemplateInstance user(Frame frame, UserView user);

        static native TemplateInstance catalogs(Frame frame, List<CatalogEntryView> accessRights,
                List<CatalogEntryView> groups, String error);

        static native TemplateInstance loginUrls(Frame frame, List<LoginUrlView> loginUrls, String error);
    }

    private final UserService users;
    private final CatalogService catalogs;
    private final LoginUrlService loginUrls;
    private final ConsoleFrames frames;

    public ConsoleSiteAdminResource(UserService users, CatalogService catalogs, LoginUrlService loginUrls,
            ConsoleFrames frames) {
        this.users = users;
        this.catalogs = catalogs;
        this.loginUrls = loginUrls;
        this.frames = frames;
    }

    @GET
    @Path("site/{site}/users")
    public Response users(@PathParam("site") String site, @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("1") int page) {
        String search = query == null ? "" : query.strip();
        search = search.length() > 100 ? search.substring(0, 100) : search;
        int number = Math.max(1, Math.min(page, 100_000));
        UserService.UserPage found = users.search(site, search, (number - 1) * PAGE_SIZE, PAGE_SIZE);
        String href = "/console/site/" + site + "/users?q=" + URLEncoder.encode(search, StandardCharsets.UTF_8)
                + "&page=";
        return ConsolePages.html(200, Templates.users(frames.site(site, "Users", "users"), found, search,
                found.hasPrevious() ? href + (number - 1) : null, found.hasNext() ? href + (number + 1) : null));
    }

    @GET
    @Path("site/{site}/users/{id}")
    public Response user(@PathParam("site") String site, @PathParam("id") String id,
            @QueryParam("notice") String notice) {
        UserView user = users.get(site, id);
        Frame frame = frames.site(site, user.login(), "users");
        return ConsolePages.html(200, Templates.user("unlinked".equals(notice)
                ? frame.withNotice("The link was removed.") : frame, user));
    }

    /** Removes the user's link to one IdP (to relink on purpose), as {@code DELETE .../links/{nameId}}. */
    @POST
    @Path("site/{site}/users/{id}/links/{nameId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unlink(@PathParam("site") String site, @PathParam("id") String id,
            @PathParam("nameId") String nameId) {
        users.unlink(site, id, nameId);
        return Response.seeOther(URI.create("/console/site/" + site + "/users/" + id + "?notice=unlinked")).build();
    }

    @GET
    @Path("site/{site}/catalogs")
    public Response catalogs(@PathParam("site") String site) {
        return catalogsPage(200, site, null);
    }

    @POST
    @Path("site/{site}/catalogs/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addEntry(@PathParam("site") String site, @PathParam("kind") String kind,
            @FormParam("name") String name, @FormParam("description") String description) {
        try {
            catalogs.put(site, kind(kind), name == null ? "" : name.strip(),
                    new DescriptionRequest(description == null || description.isBlank() ? null : description.strip()));
        } catch (ProblemException e) {
            return catalogsPage(e.status(), site, ProblemMessages.text(e));
        }
        return Response.seeOther(URI.create("/console/site/" + site + "/catalogs")).build();
    }

    @POST
    @Path("site/{site}/catalogs/{kind}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteEntry(@PathParam("site") String site, @PathParam("kind") String kind,
            @FormParam("name") String name) {
        try {
            catalogs.delete(site, kind(kind), name);
        } catch (ProblemException e) {
            return catalogsPage(e.status(), site, ProblemMessages.text(e));
        }
        return Response.seeOther(URI.create("/console/site/" + site + "/catalogs")).build();
    }

    @GET
    @Path("site/{site}/login-urls")
    public Response loginUrls(@PathParam("site") String site) {
        return loginUrlsPage(200, site, null);
    }

    @POST
    @Path("site/{site}/login-urls")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addLoginUrl(@PathParam("site") String site, @FormParam("name") String name,
            @FormParam("title") String title) {
        try {
            loginUrls.put(site, name == null ? "" : name.strip(), new LoginUrlRequest(title));
        } catch (ProblemException e) {
            return loginUrlsPage(e.status(), site, ProblemMessages.text(e));
        }
        return Response.seeOther(URI.create("/console/site/" + site + "/login-urls")).build();
    }

    @POST
    @Path("site/{site}/login-urls/{loginUrl}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteLoginUrl(@PathParam("site") String site, @PathParam("loginUrl") String loginUrl) {
        try {
            loginUrls.delete(site, loginUrl);
        } catch (ProblemException e) {
            return loginUrlsPage(e.status(), site, ProblemMessages.text(e));
        }
        return Response.seeOther(URI.create("/console/site/" + site + "/login-urls")).build();
    }

    private Response catalogsPage(int status, String site, String error) {
        return ConsolePages.html(status, Templates.catalogs(frames.site(site, "Catalogs", "catalogs"),
                catalogs.list(site, CatalogKind.ACCESS_RIGHTS), catalogs.list(site, CatalogKind.GROUPS), error));
    }

    private Response loginUrlsPage(int status, String site, String error) {
        return ConsolePages.html(status, Templates.loginUrls(frames.site(site, "Login URLs", "login-urls"),
                loginUrls.list(site), error));
    }

    private static CatalogKind kind(String path) {
        for (CatalogKind kind : CatalogKind.values()) {
            if (kind.path.equals(path)) {
                return kind;
            }
        }
        throw ProblemException.notFound("No catalog '" + path + "'.");
    }
}
