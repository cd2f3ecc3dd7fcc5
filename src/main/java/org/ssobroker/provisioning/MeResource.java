package org.ssobroker.provisioning;

import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ssobroker.security.CallerContext;
import org.ssobroker.security.Permissions;

/** The user behind a {@code site_{site}_internalApi} token: profile, access right, groups, attributes. */
@Path("/rest/internal/site/{site}/me")
public class MeResource {

    private final CallerContext callers;
    private final UserService users;

    public MeResource(CallerContext callers, UserService users) {
        this.callers = callers;
        this.users = users;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.INTERNAL_API)
    public UserView me(@PathParam("site") String site) {
        return users.me(site, callers.require().subject());
    }
}
