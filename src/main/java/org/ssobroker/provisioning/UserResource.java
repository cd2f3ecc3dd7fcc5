package org.ssobroker.provisioning;

import io.quarkus.security.PermissionsAllowed;
import org.ssobroker.security.Permissions;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.ProblemException;

import java.util.List;
import java.util.UUID;

/** The site's users (read-only here: provisioning writes them). */
@Path("/api/sites/{site}/users")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final int MAX_LIMIT = 1000;

    private final UserViews views;
    private final EntityManager em;

    public UserResource(UserViews views, EntityManager em) {
        this.views = views;
        this.em = em;
    }

    /** Users ordered by login; {@code offset}/{@code limit} page through large sites. */
    @GET
    @Transactional
    public List<UserView> list(@PathParam("site") String site, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
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
        SiteKeys.require(site);
        AppUser user = parse(id) == null ? null : AppUser.findById(parse(id));
        if (user == null || !user.siteKey.equals(site)) {
            throw ProblemException.notFound("No user '" + id + "' in site '" + site + "'.");
        }
        return views.of(List.of(user)).get(0);
    }

    /**
     * Removes one IdP link of a user, so an admin can relink on purpose: the next login through
     * that IdP with the same external id creates a new link (or a new user, if the login is free).
     */
    @DELETE
    @Path("{id}/links/{nameId}")
    @Transactional
    public Response unlink(@PathParam("site") String site, @PathParam("id") String id,
            @PathParam("nameId") String nameId) {
        SiteKeys.require(site);
        UUID userId = parse(id);
        int removed = userId == null ? 0 : em.createNativeQuery("delete from user_idp_link l using identity_provider i, "
                        + "app_user u where l.idp_id = i.id and l.user_id = u.id and u.site_key = ?1 and i.site_key = ?1 "
                        + "and i.name_id = ?2 and l.user_id = ?3")
                .setParameter(1, site).setParameter(2, nameId).setParameter(3, userId).executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("User '" + id + "' of site '" + site + "' has no link to IdP '" + nameId
                    + "'.");
        }
        return Response.noContent().build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
