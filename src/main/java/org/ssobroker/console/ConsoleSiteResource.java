package org.ssobroker.console;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.site.CatalogEntryView;
import org.ssobroker.site.CatalogKind;
import org.ssobroker.site.CatalogService;
import org.ssobroker.site.SiteRequest;
import org.ssobroker.site.SiteService;
import org.ssobroker.site.SiteView;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's sites (list, create, delete: platform operators) and a site's dashboard with its
 * settings (name and console access rights), all written through {@link SiteService} as
 * {@code PUT/DELETE /api/sites/{site}} are.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleSiteResource {

    private final ConsoleFrames frames;
    private final ConsoleDirectory directory;
    private final ConsoleCaller caller;
    private final SiteService sites;
    private final CatalogService catalogs;
    private final PublicUrls urls;

    public ConsoleSiteResource(ConsoleFrames frames, ConsoleDirectory directory, ConsoleCaller caller,
            SiteService sites, CatalogService catalogs, PublicUrls urls) {
        this.frames = frames;
        this.directory = directory;
        this.caller = caller;
        this.sites = sites;
        this.catalogs = catalogs;
        this.urls = urls;
    }

    /** What the site forms show again after a refusal: the values as typed and the error per field. */
    @io.quarkus.qute.TemplateData
    public record SiteForm(String key, String name, Map<String, String> errors) {

        static SiteForm empty() {
            return new SiteForm("", "", Map.of());
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    /** An access right offered for the console, checked when the site lists it. */
    @io.quarkus.qute.TemplateData
    public record AccessChoice(String name, String description, boolean checked) {
    }

    @GET
    @Path("sites")
    public Response sites(@QueryParam("notice") String notice) {
        Frame frame = frames.platform("Sites", "sites");
        return sitesPage(200, "deleted".equals(notice) ? frame.withNotice("The site was deleted.") : frame,
                SiteForm.empty());
    }

    /** Creates a site; an existing key is refused (the API's PUT would rename it). */
    @POST
    @Path("sites")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("key") String key, @FormParam("name") String name) {
        Frame frame = frames.platform("Sites", "sites");
        String siteKey = key == null ? "" : key.strip();
        if (directory.site(siteKey).isPresent()) {
            return sitesPage(409, frame, new SiteForm(siteKey, name, Map.of("key", "a site with this key exists")));
        }
        try {
            sites.put(siteKey, new SiteRequest(name, null), true);
        } catch (ProblemException e) {
            return sitesPage(e.status(), frame, new SiteForm(siteKey, name, ProblemMessages.byField(e, "name")));
        }
        return Response.seeOther(URI.create("/console/site/" + siteKey + "?notice=created")).build();
    }

    @GET
    @Path("site/{site}")
    public Response dashboard(@PathParam("site") String site, @QueryParam("notice") String notice) {
        Frame frame = frames.site(site, "Dashboard", "dashboard");
        SiteView view = sites.get(site);
        String text = switch (notice == null ? "" : notice) {
            case "created" -> "The site was created. Its catalogs and login URLs come next, then its IdPs.";
            case "saved" -> "The settings were saved.";
            default -> null;
        };
        return dashboardPage(200, text == null ? frame : frame.withNotice(text), view.name(),
                view.consoleAccessRights(), Map.of());
    }

    /** Renames the site and sets its console access rights; a site user may not lock themselves out. */
    @POST
    @Path("site/{site}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveSettings(@PathParam("site") String site, @FormParam("name") String name,
            @FormParam("consoleAccessRights") List<String> consoleAccessRights) {
        Frame frame = frames.site(site, "Dashboard", "dashboard");
        List<String> rights = consoleAccessRights == null ? List.of() : consoleAccessRights;
        ConsoleSession session = caller.session();
        if (!session.platform()) {
            String own = directory.user(site, session.userId()).map(ConsoleDirectory.SiteUser::accessRight)
                    .orElse(null);
            if (own == null || !rights.contains(own)) {
                return dashboardPage(422, frame, name, rights, Map.of("consoleAccessRights",
                        "must keep your own access right (" + (own == null ? "none" : own)
                                + "), or you would lose the console"));
            }
        }
        try {
            sites.put(site, new SiteRequest(name, rights), session.platform());
        } catch (ProblemException e) {
            return dashboardPage(e.status(), frame, name, rights, ProblemMessages.byField(e, "name"));
        }
        return Response.seeOther(URI.create("/console/site/" + site + "?notice=saved")).build();
    }

    /** Deletes the site and everything in it; the key typed again confirms it. */
    @POST
    @Path("site/{site}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("site") String site, @FormParam("confirmKey") String confirmKey) {
        Frame frame = frames.site(site, "Dashboard", "dashboard");
        if (!caller.session().platform()) {
            throw ProblemException.forbidden("Only platform operators delete sites.");
        }
        SiteView view = sites.get(site);
        if (!site.equals(confirmKey == null ? null : confirmKey.strip())) {
            return dashboardPage(422, frame, view.name(), view.consoleAccessRights(),
                    Map.of("confirmKey", "type the site key, " + site + ", to delete the site"));
        }
        sites.delete(site);
        return Response.seeOther(URI.create("/console/sites?notice=deleted")).build();
    }

    private Response sitesPage(int status, Frame frame, SiteForm form) {
        return ConsolePages.html(status, SitePages.Templates.sites(frame, directory.sites(), form));
    }

    private Response dashboardPage(int status, Frame frame, String name, List<String> rights,
            Map<String, String> errors) {
        String site = frame.site();
        return ConsolePages.html(status, SitePages.Templates.dashboard(frame, directory.counts(site),
                urls.base() + "/site/" + site, urls.base() + "/site/" + site + "/.well-known/openid-configuration",
                new SiteForm(site, name, errors), accessChoices(site, rights)));
    }

    /** The catalog's access rights, and any the site names that the catalog does not hold (yet). */
    private List<AccessChoice> accessChoices(String site, List<String> checked) {
        Set<String> remaining = new LinkedHashSet<>(checked);
        List<AccessChoice> choices = new ArrayList<>();
        for (CatalogEntryView entry : catalogs.list(site, CatalogKind.ACCESS_RIGHTS)) {
            choices.add(new AccessChoice(entry.name(), entry.description(), remaining.remove(entry.name())));
        }
        remaining.forEach(name -> choices.add(new AccessChoice(name, "not in the catalog", true)));
        return choices;
    }
}
