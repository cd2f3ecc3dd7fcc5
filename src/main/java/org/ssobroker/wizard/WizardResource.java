package org.ssobroker.wizard;

import io.quarkus.security.PermissionsAllowed;
import org.ssobroker.security.Permissions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.ssobroker.idp.IdpPart;
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.OidcType;
import org.ssobroker.idp.IdpWriteResult;
import org.ssobroker.idp.WelcomeSettings;
import org.ssobroker.mapping.MappingDocument;
import org.ssobroker.provisioning.WelcomeTemplates;
import org.ssobroker.site.Site;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/** The IdP wizard over REST: drafts, nine steps, discovery, preview, save. */
@Path("/api/sites/{site}/idp-wizard")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
public class WizardResource {

    private final WizardService wizard;
    private final IdpService idps;
    private final PublicUrls urls;
    private final ObjectMapper json;

    public WizardResource(WizardService wizard, IdpService idps, PublicUrls urls,
            ObjectMapper json) {
        this.wizard = wizard;
        this.idps = idps;
        this.urls = urls;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("site") String site, NewDraftRequest body) {
        IdpDraft draft = wizard.create(site, body == null || body.fromIdp() == null || body.fromIdp().isBlank()
                ? null : body.fromIdp());
        return Response.status(201).entity(DraftView.of(draft)).build();
    }

    @GET
    @Path("{draftId}")
    public DraftView get(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        return DraftView.of(wizard.get(site, id(draftId)));
    }

    @DELETE
    @Path("{draftId}")
    public Response discard(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        wizard.discard(site, id(draftId));
        return Response.noContent().build();
    }

    @GET
    @Path("{draftId}/steps/{step}")
    @Transactional
    public ObjectNode getStep(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step) {
        return stepView(wizard.get(site, id(draftId)), step(step));
    }

    @PUT
    @Path("{draftId}/steps/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ObjectNode putStep(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step, JsonNode body) {
        WizardStep wizardStep = step(step);
        return stepView(wizard.putStep(site, id(draftId), wizardStep, body), wizardStep);
    }

    /** The mapping steps also take the XML document as a file upload. */
    @PUT
    @Path("{draftId}/steps/{step}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Transactional
    public ObjectNode uploadMapping(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step, @RestForm("file") FileUpload file, @RestForm("claim") String claim,
            @RestForm("keyNode") String keyNode, @RestForm("valueNode") String valueNode) {
        WizardStep wizardStep = step(step);
        if (wizardStep != WizardStep.ACCESS_RIGHTS && wizardStep != WizardStep.GROUPS) {
            throw ProblemException.badRequest("file", "only the access-rights and groups steps take a file");
        }
        if (file == null) {
            throw ProblemException.badRequest("file", "the mapping document is required as the part 'file'");
        }
        ObjectNode body = json.createObjectNode();
        try {
            body.put("document", Files.readString(file.uploadedFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ProblemException.badRequest("file", "cannot be read as UTF-8 text");
        }
        putIfPresent(body, "claim", claim);
        putIfPresent(body, "keyNode", keyNode);
        putIfPresent(body, "valueNode", valueNode);
        return stepView(wizard.putStep(site, id(draftId), wizardStep, body), wizardStep);
    }

    /** No transaction here: discovery may take the whole outbound deadline, and holds no connection. */
    @POST
    @Path("{draftId}/discover")
    public ObjectNode discover(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        return stepView(wizard.discover(site, id(draftId)), WizardStep.DETAILS);
    }

    @GET
    @Path("{draftId}/steps/welcome/preview")
    @Transactional
    public WelcomePreview preview(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @QueryParam("name") @DefaultValue("Jane Doe") String name,
            @QueryParam("login") @DefaultValue("jane.doe@example.com") String login,
            @QueryParam("email") @DefaultValue("jane.doe@example.com") String email) {
        IdpDraft draft = wizard.get(site, id(draftId));
        WelcomeSettings welcome = draft.document.welcome() == null ? WelcomeSettings.disabled()
                : draft.document.welcome();
        Site found = Site.findById(site);
        Map<String, String> values = WelcomeTemplates.values(name, login, email, found.name);
        return new WelcomePreview(WelcomeTemplates.subject(welcome.emailSubject(), values),
                WelcomeTemplates.html(welcome.emailTemplate(), values),
                WelcomeTemplates.html(welcome.messageTemplate(), values),
                idps.warnings(draft.document, true, IdpPart.WELCOME));
    }

    @POST
    @Path("{draftId}/save")
    public Response save(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        IdpWriteResult result = wizard.save(site, id(draftId));
        return Response.status(result.created() ? 201 : 200).entity(result.view()).build();
    }

    /** The step's part of the document, plus what the step shows the admin. */
    private ObjectNode stepView(IdpDraft draft, WizardStep step) {
        ObjectNode document = json.valueToTree(draft.document);
        ObjectNode view = json.createObjectNode();
        if (step.nested != null) {
            if (document.get(step.nested) instanceof ObjectNode part) {
                view.setAll(part);
            }
        } else {
            step.fields.forEach(field -> view.set(field, document.get(field)));
        }
        switch (step) {
            case DETAILS -> detailsExtras(draft, view);
            case ACCESS_RIGHTS, GROUPS -> mappingExtras(view, step == WizardStep.GROUPS);
            default -> { }
        }
        return view;
    }

    private void detailsExtras(IdpDraft draft, ObjectNode view) {
        view.remove("clientSecret");
        view.put("clientSecretSet", draft.clientSecretSealed != null);
        draft.presetInputs.forEach(view::put);
        String nameId = draft.document.nameId();
        view.put("callbackUrl", nameId == null ? null : urls.callbackUrl(draft.siteKey, nameId));
        view.put("authorizationBaseUrl", nameId == null ? null : urls.authorizationBaseUrl(draft.siteKey, nameId));
        var readOnly = view.putArray("readOnly");
        if (draft.document.oidc() != null && draft.document.oidc().configUrl() != null) {
            OidcSettings.Endpoints.FIELDS.forEach(readOnly::add);
        }
        urls.portWarning().ifPresent(warning -> view.putArray("warnings").add(warning));
        var hints = view.putArray("hints");
        OidcType.of(draft.document.oidc() == null ? null : draft.document.oidc().type())
                .ifPresent(type -> type.hints().forEach(hints::add));
    }

    private void mappingExtras(ObjectNode view, boolean splitValues) {
        String document = view.path("document").isTextual() ? view.get("document").asText() : null;
        var parsed = wizard.parsedMapping(document);
        var nodes = view.putArray("nodes");
        parsed.ifPresent(doc -> doc.nodes().forEach(nodes::add));
        String keyNode = view.path("keyNode").isTextual() ? view.get("keyNode").asText() : null;
        String valueNode = view.path("valueNode").isTextual() ? view.get("valueNode").asText() : null;
        if (parsed.isPresent() && keyNode != null && valueNode != null) {
            MappingDocument doc = parsed.get();
            view.set("table", json.valueToTree(doc.rules(keyNode, valueNode, splitValues)));
        } else {
            view.putArray("table");
        }
    }

    private static void putIfPresent(ObjectNode body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value);
        }
    }

    private static WizardStep step(String path) {
        return WizardStep.of(path).orElseThrow(() -> ProblemException.notFound("No wizard step '" + path
                + "'; the steps are " + String.join(", ", WizardStep.paths()) + "."));
    }

    private static UUID id(String draftId) {
        try {
            return UUID.fromString(draftId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No wizard draft '" + draftId + "'.");
        }
    }

}
