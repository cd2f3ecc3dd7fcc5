package org.ssobroker.provisioning;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ssobroker.site.SiteAccess;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.ProblemException;

import java.util.List;
import java.util.UUID;

/** The site's users (read-only here: provisioning writes them). */
@Path("/api/sites/{site}/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final int MAX_LIMIT = 1000;

    private final SiteAccess access;
    private final UserViews views;

    public UserResource(SiteAccess access, UserViews views) {
        this.access = access;
        this.views = views;
    }

    /** Users ordered by login; {@code offset}/{@code limit} page through large sites. */
    @GET
    @Transactional
    public List<UserView> list(@PathParam("site") String site, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        access.requireSiteAdmin(site);
        SiteKeys.require(site);
        if (offset < 0) {
            throw ProblemException.badRequest("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if ((long) offset + limit - 1 > Integer.MAX_VALUE) {
            // The last row index must fit an int: offset 2147483647 with limit 2 would wrap around.
            throw ProblemException.badRequest("offset", "offset + limit must be at most " + Integer.MAX_VALUE);
        }
        return views.of(AppUser.find("siteKey = ?1 order by login", site).range(offset, offset + limit - 1).list());
    }

    @GET
    @Path("{id}")
    @Transactional
    public UserView get(@PathParam("site") String site, @PathParam("id") String id) {
        access.requireSiteAdmin(site);
        SiteKeys.require(site);
        AppUser user = parse(id) == null ? null : AppUser.findById(parse(id));
        if (user == null || !user.siteKey.equals(site)) {
            throw ProblemException.notFound("No user '" + id + "' in site '" + site + "'.");
        }
        return views.of(List.of(user)).get(0);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
