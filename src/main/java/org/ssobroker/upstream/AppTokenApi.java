package org.ssobroker.upstream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An IdP's token endpoint, for the broker's own app-only token (client_credentials, RFC 6749 4.4). */
@Path("")
public interface AppTokenApi {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response token(Form form);
}
