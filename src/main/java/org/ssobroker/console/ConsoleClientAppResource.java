package org.ssobroker.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.support.FieldError;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.Saved;
import org.ssobroker.token.ClientAppRequest;
import org.ssobroker.token.ClientAppService;
import org.ssobroker.token.ClientAppView;
import org.ssobroker.token.GrantTypes;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site's client apps: create one (its secret shown once, with a copy button), rotate a secret
 * (the new one shown once), delete one. Written through the API's {@link ClientAppService}.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleClientAppResource {

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance clientApps(Frame frame, List<ClientAppView> apps, List<WizardPage.Choice> grantTypes,
                Map<String, String> values, Map<String, String> errors);

        static native TemplateInstance clientAppSecret(Frame frame, ClientAppView app, boolean created);
    }

    private final ClientAppService apps;
    private final ConsoleFrames frames;

    public ConsoleClientAppResource(ClientAppService apps, ConsoleFrames frames) {
        this.apps = apps;
        this.frames = frames;
    }

    @GET
    @Path("site/{site}/client-apps")
    public Response list(@PathParam("site") String site) {
        return page(200, site, Map.of("grantType", GrantTypes.CLIENT_CREDENTIALS), Map.of());
    }

    @POST
    @Path("site/{site}/client-apps")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("site") String site, @FormParam("clientId") String clientId,
            @FormParam("scopes") String scopes, @FormParam("grantType") List<String> grantTypes,
            @FormParam("redirectUris") String redirectUris, @FormParam("public") String publicClient) {
        String id = clientId == null ? "" : clientId.strip();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("clientId", id);
        values.put("scopes", scopes == null ? "" : scopes);
        values.put("redirectUris", redirectUris == null ? "" : redirectUris);
        values.put("grantType", String.join(" ", grantTypes));
        values.put("public", publicClient == null ? "" : "true");
        if (!id.isEmpty() && exists(site, id)) {
            return page(409, site, values, Map.of("clientId", "a client app with this id exists; pick another"));
        }
        Saved<ClientAppView> saved;
        try {
            saved = apps.put(site, id, new ClientAppRequest(words(scopes), grantTypes, lines(redirectUris),
                    publicClient != null, null, null, null, null, null));
        } catch (ProblemException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : e.errors()) {
                errors.merge(error.field().replaceAll("\\[\\d+]$", ""), error.message(), (a, b) -> a + "; " + b);
            }
            if (errors.isEmpty()) {
                errors.put("clientId", e.getMessage());
            }
            return page(e.status(), site, values, errors);
        }
        return ConsolePages.html(201, Templates.clientAppSecret(frames.site(site, "Client app created", "apps"),
                saved.view(), true));
    }

    /** A new secret; the old one stops working at once, with every token issued for it. */
    @POST
    @Path("site/{site}/client-apps/{clientId}/secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@PathParam("site") String site, @PathParam("clientId") String clientId) {
        ClientAppView rotated = apps.rotateSecret(site, clientId);
        return ConsolePages.html(200, Templates.clientAppSecret(frames.site(site, "New secret", "apps"), rotated,
                false));
    }

    @POST
    @Path("site/{site}/client-apps/{clientId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("site") String site, @PathParam("clientId") String clientId) {
        apps.delete(site, clientId);
        return Response.seeOther(URI.create("/console/site/" + site + "/client-apps")).build();
    }

    private Response page(int status, String site, Map<String, String> values, Map<String, String> errors) {
        List<String> chosen = words(values.get("grantType"));
        return ConsolePages.html(status, Templates.clientApps(frames.site(site, "Client apps", "apps"),
                apps.list(site), GrantTypes.ALL.stream().map(g -> new WizardPage.Choice(g, g, chosen.contains(g)))
                        .toList(), values, errors));
    }

    private boolean exists(String site, String clientId) {
        try {
            apps.get(site, clientId);
            return true;
        } catch (ProblemException notFound) {
            return false;
        }
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isBlank()).toList();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
