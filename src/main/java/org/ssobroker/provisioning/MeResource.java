package org.ssobroker.provisioning;

import io.quarkus.security.PermissionsAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ssobroker.security.CallerContext;
import org.ssobroker.security.Permissions;
import org.ssobroker.support.OAuthException;

import java.util.List;
import java.util.UUID;

/** The user behind a {@code site_{site}_internalApi} token: profile, access right, groups, attributes. */
@Path("/rest/internal/site/{site}/me")
public class MeResource {

    private final CallerContext callers;
    private final UserViews views;

    public MeResource(CallerContext callers, UserViews views) {
        this.callers = callers;
        this.views = views;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @PermissionsAllowed(Permissions.INTERNAL_API)
    public UserView me(@PathParam("site") String site) {
        UUID id;
        try {
            id = UUID.fromString(callers.require().subject());
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidToken("The access token is not a user's.");
        }
        AppUser user = AppUser.findById(id);
        if (user == null || !user.siteKey.equals(site)) {
            throw OAuthException.invalidToken("The user of this access token no longer exists.");
        }
        return views.of(List.of(user)).get(0);
    }
}
