package org.ssobroker.idp;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.site.SiteAccess;
import org.ssobroker.support.ProblemException;

import java.util.List;

/** IdPs as code: CI puts the whole document, idempotently. */
@Path("/api/sites/{site}/idps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IdpResource {

    private final SiteAccess access;
    private final IdpService idps;

    public IdpResource(SiteAccess access, IdpService idps) {
        this.access = access;
        this.idps = idps;
    }

    @GET
    public List<IdpView> list(@PathParam("site") String site) {
        access.requireSiteAdmin(site);
        return idps.list(site);
    }

    @GET
    @Path("{nameId}")
    public IdpView get(@PathParam("site") String site, @PathParam("nameId") String nameId) {
        access.requireSiteAdmin(site);
        return idps.get(site, nameId);
    }

    /** 201 when created, 200 when updated (or unchanged). */
    @PUT
    @Path("{nameId}")
    public Response put(@PathParam("site") String site, @PathParam("nameId") String nameId, IdpDocument body) {
        access.requireSiteAdmin(site);
        if (body == null) {
            throw ProblemException.badRequest("body", "the IdP document is required");
        }
        IdpWriteResult result = idps.put(site, nameId, body);
        return Response.status(result.created() ? 201 : 200).entity(result.view()).build();
    }

    @DELETE
    @Path("{nameId}")
    public Response delete(@PathParam("site") String site, @PathParam("nameId") String nameId) {
        access.requireSiteAdmin(site);
        idps.delete(site, nameId);
        return Response.noContent().build();
    }
}
