package org.ssobroker.site;

import io.quarkus.security.PermissionsAllowed;
import org.ssobroker.security.Permissions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.support.Saved;

import java.util.List;

/** The site's catalogs: {@code /api/sites/{site}/access-rights} and {@code /groups}. */
@Path("/api/sites/{site}/{catalog: access-rights|groups}")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final CatalogService catalogs;

    public CatalogResource(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    @GET
    public List<CatalogEntryView> list(@PathParam("site") String site, @PathParam("catalog") String path) {
        return catalogs.list(site, CatalogKind.ofPath(path));
    }

    @GET
    @Path("{name}")
    public CatalogEntryView get(@PathParam("site") String site, @PathParam("catalog") String path,
            @PathParam("name") String name) {
        return catalogs.get(site, CatalogKind.ofPath(path), name);
    }

    @PUT
    @Path("{name}")
    public Response put(@PathParam("site") String site, @PathParam("catalog") String path,
            @PathParam("name") String name, DescriptionRequest body) {
        Saved<CatalogEntryView> saved = catalogs.put(site, CatalogKind.ofPath(path), name, body);
        return Response.status(saved.created() ? 201 : 200).entity(saved.view()).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("site") String site, @PathParam("catalog") String path,
            @PathParam("name") String name) {
        catalogs.delete(site, CatalogKind.ofPath(path), name);
        return Response.noContent().build();
    }
}
