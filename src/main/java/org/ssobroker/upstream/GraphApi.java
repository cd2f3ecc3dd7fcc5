package org.ssobroker.upstream;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The two Microsoft Graph calls of group overage, as a typed REST client whose base URL is the
 * IdP's {@code groupOverage.graphBaseUrl} (built per IdP by {@link GraphGroups}). Answers are read
 * raw, bounded, then parsed.
 */
@Path("")
public interface GraphApi {

    /** Every group (and directory role) the user is a member of, transitively: ids only. */
    @POST
    @Path("users/{id}/getMemberObjects")
    @Consumes(MediaType.APPLICATION_JSON)
    Response memberObjects(@HeaderParam("Authorization") String bearer, @PathParam("id") String userId,
            MemberObjectsRequest body);

    /** The next page of the above ({@code @odata.nextLink}, only followed on the same base URL). */
    @GET
    @Path("users/{id}/getMemberObjects")
    Response memberObjectsPage(@HeaderParam("Authorization") String bearer, @PathParam("id") String userId,
            @QueryParam("$skiptoken") String skipToken);

    /** Directory objects by id (at most 1000 per call): here, the groups' display names. */
    @POST
    @Path("directoryObjects/getByIds")
    @Consumes(MediaType.APPLICATION_JSON)
    Response byIds(@HeaderParam("Authorization") String bearer, ByIdsRequest body);

    @RegisterForReflection
    record MemberObjectsRequest(boolean securityEnabledOnly) {
    }

    @RegisterForReflection
    record ByIdsRequest(List<String> ids, List<String> types) {
    }
}
