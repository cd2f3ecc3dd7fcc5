package org.ssobroker.site;

import io.quarkus.security.PermissionsAllowed;
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
import org.ssobroker.support.Saved;

import java.util.List;

@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {

    private final CallerContext callers;
    private final SiteService sites;

    public SiteResource(CallerContext callers, SiteService sites) {
        this.callers = callers;
        this.sites = sites;
    }

    @GET
    @PermissionsAllowed(Permissions.PLATFORM)
    public List<SiteView> list() {
        return sites.list();
    }

    /** Creates (platform admin, 201) or renames (site admin, 200) a site. */
    @PUT
    @Path("{site}")
    @PermissionsAllowed(Permissions.MANAGE_SITE)
    public Response put(@PathParam("site") String site, SiteRequest body) {
        Saved<SiteView> saved = sites.put(site, body, callers.require().has(Scopes.PLATFORM_ADMIN));
        return Response.status(saved.created() ? 201 : 200).entity(saved.view()).build();
    }

    @GET
    @Path("{site}")
    @PermissionsAllowed(Permissions.MANAGE_SITE)
    public SiteView get(@PathParam("site") String site) {
        return sites.get(site);
    }

    /** Deletes a site and everything in it: IdPs, users, client apps. */
    @DELETE
    @Path("{site}")
    @PermissionsAllowed(Permissions.PLATFORM)
    public Response delete(@PathParam("site") String site) {
        sites.delete(site);
        return Response.noContent().build();
    }
}
