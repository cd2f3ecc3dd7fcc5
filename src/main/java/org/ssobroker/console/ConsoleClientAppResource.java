package org.ssobroker.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.site.LoginUrlService;
import org.ssobroker.site.LoginUrlView;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.Saved;
import org.ssobroker.token.ClientAppService;
import org.ssobroker.token.ClientAppView;
import org.ssobroker.token.GrantTypes;
import org.ssobroker.token.OpenIdSettings;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A site's client apps: create one (its secret shown once, with a copy button), edit one (scopes,
 * grants, redirect URIs and its OpenID Provider settings), rotate a secret (the new one shown
 * once), delete one. Written through the API's {@link ClientAppService}.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleClientAppResource {

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance clientApps(Frame frame, List<ClientAppView> apps, ClientAppFields fields);

        static native TemplateInstance clientApp(Frame frame, ClientAppView app, ClientAppFields fields);

        static native TemplateInstance clientAppSecret(Frame frame, ClientAppView app, boolean created);
    }

    /** What the app form shows: the values, the errors by field, and the choices it offers. */
    @io.quarkus.qute.TemplateData
    public record ClientAppFields(Map<String, String> values, Map<String, String> errors,
            List<WizardPage.Choice> grantTypes, List<WizardPage.Choice> loginUrls,
            List<WizardPage.Choice> userinfoResponses, List<WizardPage.Choice> idTokenAlgorithms, boolean editing) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        /** Errors of fields the form has no place for (shown above its button). */
        public List<Map.Entry<String, String>> otherErrors() {
            return errors.entrySet().stream().filter(e -> !FIELDS.contains(e.getKey())).toList();
        }
    }

    /** The form's fields as posted, create and edit alike. */
    public static class PostedApp {
        @FormParam("clientId") String clientId;
        @FormParam("scopes") String scopes;
        @FormParam("grantType") List<String> grantTypes;
        @FormParam("redirectUris") String redirectUris;
        @FormParam("public") String publicClient;
        @FormParam("loginUrl") String loginUrl;
        @FormParam("userinfoResponse") String userinfoResponse;
        @FormParam("jwks") String jwks;
        @FormParam("jwksUri") String jwksUri;
        @FormParam("postLogoutRedirectUris") String postLogoutRedirectUris;
        @FormParam("idTokenSignedResponseAlg") String idTokenSignedResponseAlg;

        ClientAppForm form(String fixedClientId) {
            return ClientAppForm.posted(fixedClientId == null ? clientId : fixedClientId, scopes, grantTypes,
                    redirectUris, publicClient, loginUrl, userinfoResponse, jwks, jwksUri, postLogoutRedirectUris,
                    idTokenSignedResponseAlg);
        }
    }

    private static final List<String> FIELDS = List.of("clientId", "scopes", "grantTypes", "redirectUris", "public",
            "loginUrl", "userinfoResponse", "jwks", "jwksUri", "postLogoutRedirectUris", "idTokenSignedResponseAlg");

    private final ClientAppService apps;
    private final LoginUrlService loginUrls;
    private final ConsoleFrames frames;

    public ConsoleClientAppResource(ClientAppService apps, LoginUrlService loginUrls, ConsoleFrames frames) {
        this.apps = apps;
        this.loginUrls = loginUrls;
        this.frames = frames;
    }

    @GET
    @Path("site/{site}/client-apps")
    public Response list(@PathParam("site") String site) {
        return listPage(200, site, ClientAppForm.blank(List.of(GrantTypes.CLIENT_CREDENTIALS)), Map.of());
    }

    @POST
    @Path("site/{site}/client-apps")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("site") String site, @BeanParam PostedApp posted) {
        ClientAppForm form = posted.form(null);
        if (!form.clientId().isEmpty() && exists(site, form.clientId())) {
            return listPage(409, site, form, Map.of("clientId", "a client app with this id exists; pick another"));
        }
        Saved<ClientAppView> saved;
        try {
            saved = apps.put(site, form.clientId(), form.request());
        } catch (ProblemException e) {
            return listPage(e.status(), site, form, ProblemMessages.byField(e, "clientId"));
        }
        return ConsolePages.html(201, Templates.clientAppSecret(frames.site(site, "Client app created", "apps"),
                saved.view(), true));
    }

    @GET
    @Path("site/{site}/client-apps/{clientId}")
    public Response app(@PathParam("site") String site, @PathParam("clientId") String clientId,
            @QueryParam("notice") String notice) {
        ClientAppView app = apps.get(site, clientId);
        Frame frame = frames.site(site, app.clientId(), "apps");
        return ConsolePages.html(200, Templates.clientApp("saved".equals(notice)
                ? frame.withNotice("The client app was saved.") : frame, app, fields(site, ClientAppForm.of(app),
                Map.of(), true)));
    }

    /** Saves an existing app's settings; its secret and tokens stay. */
    @POST
    @Path("site/{site}/client-apps/{clientId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("site") String site, @PathParam("clientId") String clientId,
            @BeanParam PostedApp posted) {
        ClientAppView app = apps.get(site, clientId);
        ClientAppForm form = posted.form(app.clientId());
        try {
            apps.put(site, app.clientId(), form.request());
        } catch (ProblemException e) {
            return ConsolePages.html(e.status(), Templates.clientApp(frames.site(site, app.clientId(), "apps"), app,
                    fields(site, form, ProblemMessages.byField(e, "scopes"), true)));
        }
        return Response.seeOther(URI.create("/console/site/" + site + "/client-apps/" + app.clientId()
                + "?notice=saved")).build();
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

    private Response listPage(int status, String site, ClientAppForm form, Map<String, String> errors) {
        return ConsolePages.html(status, Templates.clientApps(frames.site(site, "Client apps", "apps"),
                apps.list(site), fields(site, form, errors, false)));
    }

    private ClientAppFields fields(String site, ClientAppForm form, Map<String, String> errors, boolean editing) {
        String loginUrl = form.values().get("loginUrl");
        String userinfo = form.values().get("userinfoResponse");
        List<WizardPage.Choice> loginChoices = new java.util.ArrayList<>();
        loginChoices.add(new WizardPage.Choice("", "The site's only login page, or a choice between them",
                loginUrl == null || loginUrl.isEmpty()));
        for (LoginUrlView url : loginUrls.list(site)) {
            loginChoices.add(new WizardPage.Choice(url.name(), url.title() + " (" + url.name() + ")",
                    url.name().equals(loginUrl)));
        }
        return new ClientAppFields(form.values(), errors,
                GrantTypes.ALL.stream().map(g -> new WizardPage.Choice(g, g, form.grantTypes().contains(g))).toList(),
                loginChoices,
                OpenIdSettings.USERINFO_RESPONSES.stream().map(r -> new WizardPage.Choice(r, r,
                        r.equals(userinfo) || (userinfo == null || userinfo.isEmpty())
                                && r.equals(OpenIdSettings.PLAIN_JSON))).toList(),
                OpenIdSettings.ID_TOKEN_ALGORITHMS.stream().map(a -> new WizardPage.Choice(a,
                        a.equals("RS256") ? "RS256 (every OpenID Connect library)" : "ES256 (smaller, faster to sign)",
                        a.equals(form.values().get("idTokenSignedResponseAlg"))
                                || a.equals("RS256") && form.values().getOrDefault("idTokenSignedResponseAlg", "").isEmpty()))
                        .toList(),
                editing);
    }

    private boolean exists(String site, String clientId) {
        try {
            apps.get(site, clientId);
            return true;
        } catch (ProblemException notFound) {
            return false;
        }
    }
}
