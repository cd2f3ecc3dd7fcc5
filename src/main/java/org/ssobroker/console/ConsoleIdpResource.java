package org.ssobroker.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.IdpPage;
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.IdpView;
import org.ssobroker.wizard.DraftSummary;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A site's identity providers: a searchable, paged list (thousands of IdPs), one IdP, its deletion. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleIdpResource {

    static final int PAGE_SIZE = 25;

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance idps(Frame frame, IdpPage page, String query, String previousHref,
                String nextHref, List<DraftSummary> drafts);

        static native TemplateInstance idp(Frame frame, IdpView idp, String testHref);
    }

    private final IdpService idps;
    private final ConsoleWizard wizard;
    private final ConsoleFrames frames;

    public ConsoleIdpResource(IdpService idps, ConsoleWizard wizard, ConsoleFrames frames) {
        this.idps = idps;
        this.wizard = wizard;
        this.frames = frames;
    }

    @GET
    @Path("site/{site}/idps")
    public Response list(@PathParam("site") String site, @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("1") int page, @QueryParam("notice") String notice) {
        Frame frame = frames.site(site, "Identity providers", "idps");
        String search = query == null ? "" : query.strip();
        if (search.length() > 100) {
            search = search.substring(0, 100);
        }
        int number = Math.max(1, Math.min(page, 100_000));
        IdpPage found = idps.page(site, search, (number - 1) * PAGE_SIZE, PAGE_SIZE);
        String listHref = "/console/site/" + site + "/idps?q=" + URLEncoder.encode(search, StandardCharsets.UTF_8)
                + "&page=";
        return ConsolePages.html(200, Templates.idps("draft-deleted".equals(notice)
                        ? frame.withNotice("The draft was deleted.") : frame, found, search,
                found.hasPrevious() ? listHref + (number - 1) : null, found.hasNext() ? listHref + (number + 1) : null,
                wizard.drafts(site)));
    }

    @GET
    @Path("site/{site}/idps/{nameId}")
    public Response show(@PathParam("site") String site, @PathParam("nameId") String nameId,
            @QueryParam("notice") String notice) {
        IdpView idp = idps.get(site, nameId);
        Frame frame = frames.site(site, idp.idp().displayName(), "idps");
        String text = "created".equals(notice) ? "The IdP was saved." : "updated".equals(notice)
                ? "The IdP was updated." : null;
        return ConsolePages.html(200, Templates.idp(text == null ? frame : frame.withNotice(text), idp,
                idp.authorizationBaseUrl() + "?test=true"));
    }

    @POST
    @Path("site/{site}/idps/{nameId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("site") String site, @PathParam("nameId") String nameId) {
        idps.delete(site, nameId);
        return Response.seeOther(URI.create("/console/site/" + site + "/idps")).build();
    }
}
