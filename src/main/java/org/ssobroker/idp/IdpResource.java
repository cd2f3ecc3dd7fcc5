package org.ssobroker.idp;

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
import org.ssobroker.support.ProblemException;

import java.util.List;

/** IdPs as code: CI puts the whole document, idempotently. */
@Path("/api/sites/{site}/idps")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IdpResource {

    private final IdpService idps;

    public IdpResource(IdpService idps) {
        this.idps = idps;
    }

    @GET
    public List<IdpView> list(@PathParam("site") String site) {
        return idps.list(site);
    }

    @GET
    @Path("{nameId}")
    public IdpView get(@PathParam("site") String site, @PathParam("nameId") String nameId) {
        return idps.get(site, nameId);
    }

    /** 201 when created, 200 when updated (or unchanged). */
    @PUT
    @Path("{nameId}")
    public Response put(@PathParam("site") String site, @PathParam("nameId") String nameId, IdpDocument body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "the IdP document is required");
        }
        IdpWriteResult result = idps.put(site, nameId, body);
        return Response.status(result.created() ? 201 : 200).entity(result.view()).build();
    }

    @DELETE
    @Path("{nameId}")
    public Response delete(@PathParam("site") String site, @PathParam("nameId") String nameId) {
        idps.delete(site, nameId);
        return Response.noContent().build();
    }
}
