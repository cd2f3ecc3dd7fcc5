package org.ssobroker.provisioning;

import io.quarkus.security.PermissionsAllowed;
import org.ssobroker.security.Permissions;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The site's users (read-only here: provisioning writes them). */
@Path("/api/sites/{site}/users")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    /** Users ordered by login; {@code offset}/{@code limit} page through large sites. */
    @GET
    public List<UserView> list(@PathParam("site") String site, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return users.list(site, offset, limit);
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("site") String site, @PathParam("id") String id) {
        return users.get(site, id);
    }

    /** Removes one IdP link of a user, so an admin can relink on purpose. */
    @DELETE
    @Path("{id}/links/{nameId}")
    public Response unlink(@PathParam("site") String site, @PathParam("id") String id,
            @PathParam("nameId") String nameId) {
        users.unlink(site, id, nameId);
        return Response.noContent().build();
    }
}
