package org.ssobroker.site;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.PermissionsAllowed;
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
import org.ssobroker.security.CallerContext;
import org.ssobroker.security.Permissions;
import org.ssobroker.security.Scopes;
import org.ssobroker.support.ChangeFeed;
import org.ssobroker.support.Changed;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;

import org.ssobroker.support.Timestamps;

import java.util.List;

@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {

    private final CallerContext callers;
    private final ChangeFeed feed;

    public SiteResource(CallerContext callers, ChangeFeed feed) {
        this.callers = callers;
        this.feed = feed;
    }

    @GET
    @PermissionsAllowed(Permissions.PLATFORM)
    public List<SiteView> list() {
        return Site.<Site>listAll(Sort.by("key")).stream().map(SiteView::of).toList();
    }

    /** Creates (platform admin, 201) or renames (site admin, 200) a site. */
    @PUT
    @Path("{site}")
    @Transactional
    @PermissionsAllowed(Permissions.MANAGE_SITE)
    public Response put(@PathParam("site") String site, SiteRequest body) {
        if (!SiteKeys.valid(site)) {
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
        Site stored = Site.findById(site);
        if (stored == null) {
            if (!callers.require().has(Scopes.PLATFORM_ADMIN)) {
                throw ProblemException.forbidden("Only the platform admin client may create sites.");
            }
            stored = new Site();
            stored.key = site;
            stored.name = name;
            stored.createdAt = Timestamps.now();
            stored.updatedAt = stored.createdAt;
            stored.persist();
            return Response.status(201).entity(SiteView.of(stored)).build();
        }
        if (!stored.name.equals(name)) {
            stored.name = name;
            stored.updatedAt = Timestamps.now();
            // IdP snapshots hold the name (${site.name} in welcome mails): every replica drops them.
            feed.record(Changed.site(site, Changed.Change.UPDATED));
        }
        return Response.ok(SiteView.of(stored)).build();
    }

    @GET
    @Path("{site}")
    @PermissionsAllowed(Permissions.MANAGE_SITE)
    public SiteView get(@PathParam("site") String site) {
        return SiteView.of(SiteKeys.require(site));
    }

    /** Deletes a site and everything in it: IdPs, users, client apps. */
    @DELETE
    @Path("{site}")
    @Transactional
    @PermissionsAllowed(Permissions.PLATFORM)
    public Response delete(@PathParam("site") String site) {
        SiteKeys.require(site).delete();
        // Its IdPs, client apps (and so every token of them) go on every replica.
        feed.record(Changed.site(site, Changed.Change.DELETED));
        return Response.noContent().build();
    }
}
