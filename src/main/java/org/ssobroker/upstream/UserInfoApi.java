package org.ssobroker.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * An IdP's userinfo endpoint (OpenID Connect Core 5.3), as a typed REST client whose base URL is
 * the endpoint itself (built per IdP by {@link UpstreamUserInfo}). The answer is read raw: it is
 * JSON or a signed JWT ({@code application/jwt}).
 */
@Path("")
public interface UserInfoApi {

    @GET
    Response userInfo(@HeaderParam("Authorization") String bearer);
}
