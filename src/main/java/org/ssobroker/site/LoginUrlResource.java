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

@Path("/api/sites/{site}/login-urls")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoginUrlResource {

    private final LoginUrlService loginUrls;

    public LoginUrlResource(LoginUrlService loginUrls) {
        this.loginUrls = loginUrls;
    }

    @GET
    public List<LoginUrlView> list(@PathParam("site") String site) {
        return loginUrls.list(site);
    }

    @GET
    @Path("{loginUrl}")
    public LoginUrlView get(@PathParam("site") String site, @PathParam("loginUrl") String name) {
        return loginUrls.get(site, name);
    }

    @PUT
    @Path("{loginUrl}")
    public Response put(@PathParam("site") String site, @PathParam("loginUrl") String name, LoginUrlRequest body) {
        Saved<LoginUrlView> saved = loginUrls.put(site, name, body);
        return Response.status(saved.created() ? 201 : 200).entity(saved.view()).build();
    }

    @DELETE
    @Path("{loginUrl}")
    public Response delete(@PathParam("site") String site, @PathParam("loginUrl") String name) {
        loginUrls.delete(site, name);
        return Response.noContent().build();
    }
}
