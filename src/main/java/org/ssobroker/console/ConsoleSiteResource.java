package org.ssobroker.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.support.PublicUrls;

/** The platform's sites, and a site's dashboard. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleSiteResource {

    private final ConsoleFrames frames;
    private final ConsoleDirectory directory;
    private final PublicUrls urls;

    public ConsoleSiteResource(ConsoleFrames frames, ConsoleDirectory directory, PublicUrls urls) {
        this.frames = frames;
        this.directory = directory;
        this.urls = urls;
    }

    @GET
    @Path("sites")
    public Response sites() {
        return ConsolePages.html(200, SitePages.Templates.sites(frames.platform("Sites", "sites"),
                directory.sites()));
    }

    @GET
    @Path("site/{site}")
    public Response dashboard(@PathParam("site") String site) {
        Frame frame = frames.site(site, "Dashboard", "dashboard");
        return ConsolePages.html(200, SitePages.Templates.dashboard(frame, directory.counts(site),
                urls.base() + "/site/" + site, urls.base() + "/site/" + site + "/.well-known/openid-configuration"));
    }
}
