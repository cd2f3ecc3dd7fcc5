package org.ssobroker.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.ssobroker.idp.IdpPart;
import org.ssobroker.idp.IdpValidator;
import org.ssobroker.idp.IdpWriteResult;
import org.ssobroker.idp.OidcType;
import org.ssobroker.idp.SamlSettings;
import org.ssobroker.idp.WelcomeSettings;
import org.ssobroker.mapping.MappingRule;
import org.ssobroker.support.FieldError;
import org.ssobroker.support.ProblemException;
import org.ssobroker.wizard.WelcomePreview;
import org.ssobroker.wizard.WizardStep;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The IdP wizard in the console: the REST wizard's nine steps and drafts, one page per step.
 * Each step's form is written through the same service and validator as {@code PUT .../steps/{step}},
 * so the console can store nothing the API refuses; a refused step shows the form again with
 * what was typed and each error next to its field.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleWizardResource {

    private static final Map<WizardStep, String> TITLES = Map.of(
            WizardStep.BASICS, "Basics",
            WizardStep.LOGIN_URL, "Login URL",
            WizardStep.DETAILS, "Details",
            WizardStep.ATTRIBUTES, "Attributes",
            WizardStep.ACCESS_RIGHTS, "Access rights mapping",
            WizardStep.GROUPS, "User groups mapping",
            WizardStep.DEFAULT_PROPERTIES, "Default user properties",
            WizardStep.DEFAULT_GROUPS, "Default user groups",
            WizardStep.WELCOME, "Welcome email and login message");
    private static final Map<String, String> TYPE_LABELS = new LinkedHashMap<>();
    private static final Map<String, String> INPUT_LABELS = Map.of(
            "region", "AWS region", "userPoolId", "User pool ID", "tenantId", "Directory (tenant) ID",
            "domain", "Domain", "authorizationServer", "Authorization server ID", "baseUrl", "Keycloak base URL",
            "realm", "Realm");

    static {
        TYPE_LABELS.put("GENERIC", "Any OpenID Connect provider");
        TYPE_LABELS.put("COGNITO", "Amazon Cognito");
        TYPE_LABELS.put("ENTRA_ID", "Microsoft Entra ID");
        TYPE_LABELS.put("GOOGLE", "Google");
        TYPE_LABELS.put("OKTA", "Okta");
        TYPE_LABELS.put("KEYCLOAK", "Keycloak");
        TYPE_LABELS.put("AUTH0", "Auth0");
    }

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance wizard(WizardPage page);

        static native TemplateInstance wizardPresets(WizardPage page);

        static native TemplateInstance welcomePreview(WelcomePreview preview);

        static native TemplateInstance wizardRow(String base, boolean attributes, int index, int next);
    }

    private final ConsoleWizard wizard;
    private final ConsoleFrames frames;

    public ConsoleWizardResource(ConsoleWizard wizard, ConsoleFrames frames) {
        this.wizard = wizard;
        this.frames = frames;
    }

    /** A new draft, empty or editing an existing IdP ({@code fromIdp}). */
    @POST
    @Path("site/{site}/wizard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("site") String site, @FormParam("fromIdp") String fromIdp) {
        UUID id = wizard.create(site, fromIdp == null || fromIdp.isBlank() ? null : fromIdp.strip());
        return Response.seeOther(URI.create(base(site, id) + "/" + WizardStep.BASICS.path)).build();
    }

    /**
     * One more blank row for the attributes or default-properties step: htmx appends it to the
     * table (without JavaScript, "Save and add rows" adds rows by a round trip).
     */
    @GET
    @Path("site/{site}/wizard/{draftId}/{step}/row")
    public Response row(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step, @QueryParam("index") int index) {
        WizardStep wizardStep = step(step);
        if (wizardStep != WizardStep.ATTRIBUTES && wizardStep != WizardStep.DEFAULT_PROPERTIES) {
            throw ProblemException.notFound("The step '" + step + "' has no rows.");
        }
        int at = Math.max(0, Math.min(index, 500));
        return ConsolePages.html(200, Templates.wizardRow(base(site, id(draftId)),
                wizardStep == WizardStep.ATTRIBUTES, at, at + 1));
    }

    @GET
    @Path("site/{site}/wizard/{draftId}")
    public Response start(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        return Response.seeOther(URI.create(base(site, id(draftId)) + "/" + WizardStep.BASICS.path)).build();
    }

    @GET
    @Path("site/{site}/wizard/{draftId}/{step}")
    public Response show(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step, @QueryParam("notice") String notice) {
        WizardStep wizardStep = step(step);
        ConsoleWizard.Step stored = wizard.step(site, id(draftId), wizardStep);
        Frame frame = frame(site, wizardStep);
        return page(200, notice == null ? frame : frame.withNotice(notice(notice)), site, wizardStep, stored,
                null, Map.of(), List.of());
    }

    /**
     * Writes the step. {@code action}: {@code next} (default; then the next step), {@code stay}
     * (show this step again: a mapping's table after picking nodes), {@code discover} (then fetch
     * the config URL), {@code finish} (then save the IdP).
     */
    @POST
    @Path("site/{site}/wizard/{draftId}/{step}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response write(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @PathParam("step") String step, MultipartFormDataInput input) {
        WizardStep wizardStep = step(step);
        UUID id = id(draftId);
        PostedForm form = PostedForm.of(input);
        String action = form.action() == null ? "next" : form.action();
        List<String> uploadedNodes = form.file() == null
                || (wizardStep != WizardStep.ACCESS_RIGHTS && wizardStep != WizardStep.GROUPS) ? List.of()
                : wizard.nodes(form.file());
        boolean saml = wizardStep == WizardStep.DETAILS && wizard.usesSaml(site, id);
        ConsoleWizard.Step written;
        try {
            written = wizard.put(site, id, wizardStep, WizardForms.body(wizardStep, form, uploadedNodes, saml));
        } catch (ProblemException e) {
            return refused(site, id, wizardStep, form, e);
        }
        Frame frame = frame(site, wizardStep);
        switch (action) {
            case "stay" -> {
                return page(200, frame, site, wizardStep, written, null, Map.of(), List.of());
            }
            case "discover" -> {
                try {
                    wizard.discover(site, id);
                } catch (ProblemException e) {
                    ConsoleWizard.Step stored = wizard.step(site, id, wizardStep);
                    WizardPage page = page(frame, site, wizardStep, stored,
                            WizardForms.values(wizardStep, stored.view(), stored.saml()), errors(wizardStep, e.errors()),
                            List.of(), null);
                    return ConsolePages.html(422, Templates.wizard(page.withSummary(
                            "The step was saved, but discovery failed:")));
                }
                return page(200, frame.withNotice("Discovery filled the endpoints from the configuration URL."),
                        site, wizardStep, wizard.step(site, id, wizardStep), null, Map.of(), List.of());
            }
            case "finish" -> {
                return finish(site, id, wizardStep, frame);
            }
            default -> {
                int next = wizardStep.ordinal() + 1;
                String target = next < WizardStep.values().length ? base(site, id) + "/" + WizardStep.values()[next].path
                        : base(site, id) + "/" + wizardStep.path;
                return Response.seeOther(URI.create(target)).build();
            }
        }
    }

    /** The presets of a type, while the admin picks it (htmx swaps them in). */
    @GET
    @Path("site/{site}/wizard/{draftId}/details/presets")
    public Response presets(@PathParam("site") String site, @PathParam("draftId") String draftId,
            @QueryParam("type") String type) {
        ConsoleWizard.Step stored = wizard.step(site, id(draftId), WizardStep.DETAILS);
        Map<String, String> values = new LinkedHashMap<>(WizardForms.values(WizardStep.DETAILS, stored.view()));
        if (type != null && OidcType.of(type).isPresent()) {
            values.put("type", OidcType.of(type).get().name());
        }
        WizardPage page = page(frame(site, WizardStep.DETAILS), site, WizardStep.DETAILS, stored, values, Map.of(),
                List.of(), null);
        return ConsolePages.html(200, Templates.wizardPresets(page));
    }

    /** The welcome texts as a new user would get them, from the form as typed (nothing is stored). */
    @POST
    @Path("site/{site}/wizard/{draftId}/welcome/preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response preview(@PathParam("site") String site, @PathParam("draftId") String draftId,
            MultipartFormDataInput input) {
        PostedForm form = PostedForm.of(input);
        WelcomeSettings typed = new WelcomeSettings(form.checked("emailEnabled"), form.text("emailSubject"),
                form.raw("emailTemplate"), form.checked("messageEnabled"), form.raw("messageTemplate"));
        return ConsolePages.html(200, Templates.welcomePreview(wizard.preview(site, id(draftId), typed)));
    }

    @POST
    @Path("site/{site}/wizard/{draftId}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response discard(@PathParam("site") String site, @PathParam("draftId") String draftId) {
        wizard.discard(site, id(draftId));
        return Response.seeOther(URI.create("/console/site/" + site + "/idps?notice=draft-deleted")).build();
    }

    private Response finish(String site, UUID id, WizardStep step, Frame frame) {
        IdpWriteResult saved;
        try {
            saved = wizard.save(site, id);
        } catch (ProblemException e) {
            List<WizardPage.OtherError> others = new ArrayList<>();
            Map<String, String> own = new LinkedHashMap<>();
            for (FieldError error : e.errors()) {
                WizardStep owner = IdpPart.ofField(error.field()).flatMap(part -> Arrays.stream(WizardStep.values())
                        .filter(s -> s.part == part).findFirst()).orElse(null);
                if (owner == step) {
                    own.put(WizardForms.formField(step, error.field()), error.message());
                } else {
                    others.add(new WizardPage.OtherError(owner == null ? "IdP" : TITLES.get(owner),
                            owner == null ? null : base(site, id) + "/" + owner.path, error.field(), error.message()));
                }
            }
            if (e.errors().isEmpty()) {
                others.add(new WizardPage.OtherError("IdP", null, "", e.getMessage()));
            }
            return page(422, frame, site, step, wizard.step(site, id, step), null, own, others);
        }
        return Response.seeOther(URI.create("/console/site/" + site + "/idps/" + saved.view().idp().nameId()
                + "?notice=" + (saved.created() ? "created" : "updated"))).build();
    }

    private Response refused(String site, UUID id, WizardStep step, PostedForm form, ProblemException e) {
        ConsoleWizard.Step stored = wizard.step(site, id, step);
        Map<String, String> errors = errors(step, e.errors());
        if (e.errors().isEmpty()) {
            errors.put("_", e.getMessage());
        }
        Map<String, String> values = WizardForms.values(form);
        WizardPage page = page(frame(site, step), site, step, stored, values, errors, List.of(), null);
        List<WizardForms.Row> rows = WizardForms.rows(step, form, errors);
        return ConsolePages.html(e.status() == 422 ? 422 : 400, Templates.wizard(page.withRows(rows)));
    }

    private static Map<String, String> errors(WizardStep step, List<FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        // Several reasons for one field (a discovery check's) each get a line.
        errors.forEach(error -> byField.merge(WizardForms.formField(step, error.field()), error.message(),
                (a, b) -> a + "\n" + b));
        return byField;
    }

    private Response page(int status, Frame frame, String site, WizardStep step, ConsoleWizard.Step stored,
            Map<String, String> values, Map<String, String> errors, List<WizardPage.OtherError> others) {
        return ConsolePages.html(status, Templates.wizard(page(frame, site, step, stored,
                values == null ? WizardForms.values(step, stored.view(), stored.saml()) : values, errors, others, null)));
    }

    private WizardPage page(Frame frame, String site, WizardStep step, ConsoleWizard.Step stored,
            Map<String, String> values, Map<String, String> errors, List<WizardPage.OtherError> others,
            WelcomePreview preview) {
        ObjectNode view = stored.view();
        String base = base(site, stored.draftId());
        List<WizardPage.StepLink> steps = Arrays.stream(WizardStep.values())
                .map(s -> link(base, s, s == step)).toList();
        WizardPage.Details details = step != WizardStep.DETAILS ? null : details(stored, values, errors);
        WizardPage.Mapping mapping = !(step == WizardStep.ACCESS_RIGHTS || step == WizardStep.GROUPS) ? null
                : mapping(view, values);
        String selectedRight = values.get("accessRight");
        Set<String> selectedGroups = new TreeSet<>();
        if (step == WizardStep.DEFAULT_GROUPS && view.get("defaultGroups") instanceof com.fasterxml.jackson.databind.node.ArrayNode groups) {
            groups.forEach(g -> selectedGroups.add(g.asText()));
        }
        return new WizardPage(frame, base, link(base, step, true), steps, stored.editing(), stored.nameId(),
                step.ordinal() == 0 ? null : base + "/" + WizardStep.values()[step.ordinal() - 1].path,
                step == WizardStep.WELCOME, values, errors, others, details,
                choices(stored.loginUrls(), Set.of(values.getOrDefault("loginUrl", ""))),
                choices(stored.accessRights(), Set.of(selectedRight == null ? "" : selectedRight)),
                choices(stored.groups(), selectedGroups),
                new ArrayList<>(new TreeSet<>(IdpValidator.USER_FIELDS)),
                WizardForms.rows(step, view, errors), mapping,
                step == WizardStep.WELCOME && preview == null ? wizard.preview(site, stored.draftId(), null) : preview,
                null);
    }

    private static WizardPage.Details details(ConsoleWizard.Step stored, Map<String, String> values,
            Map<String, String> errors) {
        ObjectNode view = stored.view();
        OidcType type = OidcType.of(values.get("type")).orElse(OidcType.GENERIC);
        List<WizardPage.PresetInput> inputs = new ArrayList<>();
        type.requiredInputs().forEach(name -> inputs.add(new WizardPage.PresetInput(name,
                INPUT_LABELS.getOrDefault(name, name), true, values.getOrDefault(name, ""), errors.get(name))));
        type.optionalInputs().forEach(name -> inputs.add(new WizardPage.PresetInput(name,
                INPUT_LABELS.getOrDefault(name, name) + " (optional)", false, values.getOrDefault(name, ""),
                errors.get(name))));
        List<WizardPage.Choice> types = TYPE_LABELS.entrySet().stream()
                .map(e -> new WizardPage.Choice(e.getKey(), e.getValue(), e.getKey().equals(type.name()))).toList();
        if (stored.saml()) {
            String format = SamlSettings.nameIdFormat(values.get("nameIdFormat")).orElse("");
            List<WizardPage.Choice> formats = SamlSettings.nameIdFormats().stream()
                    .map(f -> new WizardPage.Choice(f, f.substring(f.lastIndexOf(':') + 1), f.equals(format))).toList();
            WizardPage.Saml saml = new WizardPage.Saml(text(view, "acsUrl"), text(view, "spEntityId"),
                    texts(view.get("readOnly")).containsAll(SamlSettings.FROM_METADATA), formats);
            return new WizardPage.Details(null, text(view, "authorizationBaseUrl"), false, false,
                    texts(view.get("hints")), texts(view.get("warnings")), List.of(), List.of(), saml);
        }
        return new WizardPage.Details(text(view, "callbackUrl"), text(view, "authorizationBaseUrl"),
                stored.clientSecretSet(), WizardForms.endpointsReadOnly(view), type.hints(),
                texts(view.get("warnings")), types, inputs, null);
    }

    private WizardPage.Mapping mapping(ObjectNode view, Map<String, String> values) {
        List<String> nodes = texts(view.get("nodes"));
        List<MappingRule> table = new ArrayList<>();
        if (view.get("table") instanceof com.fasterxml.jackson.databind.node.ArrayNode rules) {
            rules.forEach(rule -> table.add(new MappingRule(rule.path("key").asText(), texts(rule.get("values")))));
        }
        String keyNode = values.getOrDefault("keyNode", "");
        String valueNode = values.getOrDefault("valueNode", "");
        return new WizardPage.Mapping(view.hasNonNull("document"), text(view, "document"),
                nodes.stream().map(n -> new WizardPage.Choice(n, n, n.equals(keyNode))).toList(),
                nodes.stream().map(n -> new WizardPage.Choice(n, n, n.equals(valueNode))).toList(), table);
    }

    private static List<WizardPage.Choice> choices(Set<String> names, Set<String> selected) {
        return new TreeSet<>(names).stream().map(n -> new WizardPage.Choice(n, n, selected.contains(n))).toList();
    }

    private static WizardPage.StepLink link(String base, WizardStep step, boolean current) {
        return new WizardPage.StepLink(step.path, TITLES.get(step), step.ordinal() + 1, current,
                base + "/" + step.path);
    }

    private Frame frame(String site, WizardStep step) {
        return frames.site(site, TITLES.get(step) + " · IdP wizard", "idps");
    }

    private static String notice(String code) {
        return switch (code) {
            case "saved" -> "Step saved.";
            default -> "Done.";
        };
    }

    private static String text(JsonNode view, String field) {
        JsonNode value = view.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }

    private static String base(String site, UUID id) {
        return "/console/site/" + site + "/wizard/" + id;
    }

    private static WizardStep step(String path) {
        return WizardStep.of(path).orElseThrow(() -> ProblemException.notFound("No wizard step '" + path + "'."));
    }

    private static UUID id(String draftId) {
        try {
            return UUID.fromString(draftId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No wizard draft '" + draftId + "'.");
        }
    }
}
