package org.ssobroker.openid;

import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.UserInfo;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test only: a page of a relying party app guarded by quarkus-oidc's web-app tenant "rp"
 * (configured by {@link RelyingPartyTest}), which signs in at a site of the broker.
 */
@Path("/rp/me")
public class RelyingPartyPage {

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    UserInfo userInfo;

    @GET
    @Authenticated
    @AuthorizationCodeFlow
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String me() {
        return "iss=" + idToken.getIssuer() + "\nsub=" + idToken.getSubject() + "\nemail=" + idToken.getClaim("email")
                + "\nname=" + idToken.getClaim("name") + "\ngroups=" + idToken.getClaim("groups")
                + "\nuserinfo.email=" + userInfo.getString("email")
                + "\nuserinfo.access_right=" + userInfo.getString("access_right");
    }
}
