package org.ssobroker.site;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.event.Event;
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

import org.ssobroker.support.Timestamps;

import java.util.List;

@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {

    private final SiteAccess access;
    private final Event<SiteDeleted> deleted;

    public SiteResource(SiteAccess access, Event<SiteDeleted> deleted) {
        this.access = access;
        this.deleted = deleted;
    }

    @GET
    public List<SiteView> list() {
        access.requirePlatformAdmin("list sites");
        return Site.<Site>listAll(Sort.by("key")).stream().map(SiteView::of).toList();
    }

    /** Creates (platform admin, 201) or renames (site admin, 200) a site. */
    @PUT
    @Path("{site}")
    @Transactional
    public Response put(@PathParam("site") String key, SiteRequest body) {
        access.requireSiteAdmin(key);
        if (!SiteKeys.valid(key)) {
            throw ProblemException.invalid("key", Identifier.SITE_KEY.rule());
        }
        String name = body == null || body.name() == null ? null : body.name().trim();
        if (name == null || name.isEmpty()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (name.length() > 200) {
            throw ProblemException.invalid("name", "must be at most 200 characters");
        }
        if (ControlCharacters.anyIn(name)) {
            // ${site.name} goes into mail subjects: no line breaks.
            throw ProblemException.invalid("name", "must be one line without control characters");
        }
        Site site = Site.findById(key);
        if (site == null) {
            access.requirePlatformAdmin("create sites");
            site = new Site();
            site.key = key;
            site.name = name;
            site.createdAt = Timestamps.now();
            site.updatedAt = site.createdAt;
            site.persist();
            return Response.status(201).entity(SiteView.of(site)).build();
        }
        if (!site.name.equals(name)) {
            site.name = name;
            site.updatedAt = Timestamps.now();
        }
        return Response.ok(SiteView.of(site)).build();
    }

    @GET
    @Path("{site}")
    public SiteView get(@PathParam("site") String key) {
        access.requireSiteAdmin(key);
        return SiteView.of(SiteKeys.require(key));
    }

    /** Deletes a site and everything in it: IdPs, users, client apps. */
    @DELETE
    @Path("{site}")
    @Transactional
    public Response delete(@PathParam("site") String key) {
        access.requirePlatformAdmin("delete sites");
        SiteKeys.require(key).delete();
        deleted.fire(new SiteDeleted(key));
        return Response.noContent().build();
    }
}
