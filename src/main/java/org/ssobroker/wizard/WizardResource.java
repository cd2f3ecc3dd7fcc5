package org.ssobroker.wizard;

import io.quarkus.security.PermissionsAllowed;
import org.ssobroker.security.Permissions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.OidcType;
import org.ssobroker.idp.IdpWriteResult;
import org.ssobroker.mapping.MappingDocument;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

/** The IdP wizard over REST: drafts, nine steps, discovery, preview, save. */
@Path("/api/sites/{site}/idp-wizard")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
public class WizardResource {

    private final WizardService wizard;
    private final ObjectMapper json;

    public WizardResource(WizardService wizard, ObjectMapper json) {
        this.wizard = wizard;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("site") String site, NewDraftRequest body) {
        DraftView draft = wizard.create(site, body == null || body.fromIdp() == null || body.fromIdp().isBlank()
                ? null : body.fromIdp());
        return Response.status(201).entity(draft).build();
    }

    @GET
    @Path("{draftId}")
    public DraftView get(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        return wizard.view(site, id(draftId));
    }

    @DELETE
    @Path("{draftId}")
    public Response discard(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        wizard.discard(site, id(draftId));
        return Response.noContent().build();
    }

    @GET
    @Path("{draftId}/steps/{step}")
    public ObjectNode getStep(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step) {
        return wizard.step(site, id(draftId), step(step));
    }

    @PUT
    @Path("{draftId}/steps/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode putStep(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step, JsonNode body) {
        WizardStep wizardStep = step(step);
        return wizard.putStep(site, id(draftId), wizardStep, body);
    }

    /**
     * The mapping steps also take the XML document as a file upload; the details step of a SAML IdP
     * takes the IdP's metadata file.
     */
    @PUT
    @Path("{draftId}/steps/{step}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public ObjectNode uploadMapping(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step, @RestForm("file") FileUpload file, @RestForm("claim") String claim,
            @RestForm("keyNode") String keyNode, @RestForm("valueNode") String valueNode) {
        WizardStep wizardStep = step(step);
        boolean metadata = wizardStep == WizardStep.DETAILS && wizard.usesSaml(site, id(draftId));
        if (wizardStep != WizardStep.ACCESS_RIGHTS && wizardStep != WizardStep.GROUPS && !metadata) {
            throw ProblemException.badRequest("file", "only the access-rights and groups steps take a file (and the "
                    + "details step of a SAML IdP, its metadata)");
        }
        if (file == null) {
            throw ProblemException.badRequest("file", "the " + (metadata ? "metadata" : "mapping document")
                    + " is required as the part 'file'");
        }
        ObjectNode body = json.createObjectNode();
        try {
            body.put(metadata ? "metadataXml" : "document", Files.readString(file.uploadedFile(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ProblemException.badRequest("file", "cannot be read as UTF-8 text");
        }
        if (metadata) {
            // The upload replaces a metadata URL.
            body.putNull("metadataUrl");
            return wizard.putStep(site, id(draftId), wizardStep, body);
        }
        putIfPresent(body, "claim", claim);
        putIfPresent(body, "keyNode", keyNode);
        putIfPresent(body, "valueNode", valueNode);
        return wizard.putStep(site, id(draftId), wizardStep, body);
    }

    /** No transaction here: discovery may take the whole outbound deadline, and holds no connection. */
    @POST
    @Path("{draftId}/discover")
    public ObjectNode discover(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        return wizard.discover(site, id(draftId));
    }

    @GET
    @Path("{draftId}/steps/welcome/preview")
    public WelcomePreview preview(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @QueryParam("name") @DefaultValue("Jane Doe") String name,
            @QueryParam("login") @DefaultValue("jane.doe@example.com") String login,
            @QueryParam("email") @DefaultValue("jane.doe@example.com") String email) {
        return wizard.preview(site, id(draftId), name, login, email);
    }

    @POST
    @Path("{draftId}/save")
    public Response save(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        IdpWriteResult result = wizard.save(site, id(draftId));
        return Response.status(result.created() ? 201 : 200).entity(result.view()).build();
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
