package org.ssobroker.token;

import org.ssobroker.security.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The public keys of the broker's tokens, for apps that verify them. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final Map<String, List<Map<String, String>>> jwks;

    public JwksResource(SigningKeys keys) {
        this.jwks = Map.of("keys", keys.publicJwks());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<Map<String, String>>> jwks() {
        return jwks;
    }
}
