package org.ssobroker.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@link FailingResource} on the browser paths (their resources claim {@code /site/{site}}). */
@Path("/site/{site}/test-failures")
public class FailingSiteResource {

    @GET
    @Path("{kind}")
    @Operation(hidden = true)
    public String fail(@PathParam("site") String site, @PathParam("kind") String kind) {
        throw FailingResource.failure(kind);
    }
}
