package org.ssobroker.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.idp.IdpDocument;
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.IdpValidator;
import org.ssobroker.idp.IdpWriteResult;
import org.ssobroker.idp.InvalidField;
import org.ssobroker.idp.OidcDiscovery;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.SamlIdpMetadata;
import org.ssobroker.idp.SamlMetadataReader;
import org.ssobroker.mapping.MappingDocument;
import org.ssobroker.idp.IdpPart;
import org.ssobroker.idp.WelcomeSettings;
import org.ssobroker.provisioning.WelcomeTemplates;
import org.ssobroker.site.SiteService;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.FieldError;
import org.ssobroker.support.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The IdP wizard: a draft document ({@link DraftStore}), written one step at a time — the body
 * merged in ({@link StepMerger}), the details step's preset and read-only rules applied
 * ({@link DetailsRules}; a SAML IdP's: {@link SamlDetailsRules}), the whole document validated by the one {@link IdpValidator} and only
 * the step's own errors kept — and saved through the same path as CI's PUT.
 */
@ApplicationScoped
public class WizardService {

    private final DraftStore drafts;
    private final StepMerger merger;
    private final DraftSecrets secrets;
    private final IdpService idps;
    private final IdpValidator validator;
    private final OidcDiscovery discovery;
    private final SiteService sites;
    private final StepViews views;
    private final SamlMetadataReader samlMetadata;

    WizardService(DraftStore drafts, StepMerger merger, DraftSecrets secrets, IdpService idps, IdpValidator validator,
            OidcDiscovery discovery, SiteService sites, StepViews views, SamlMetadataReader samlMetadata) {
        this.samlMetadata = samlMetadata;
        this.drafts = drafts;
        this.merger = merger;
        this.secrets = secrets;
        this.idps = idps;
        this.validator = validator;
        this.discovery = discovery;
        this.sites = sites;
        this.views = views;
    }

    /** A new draft, empty or (edit mode) holding an existing IdP. */
    @Transactional
    public DraftView create(String site, String fromIdp) {
        return DraftView.of(drafts.create(site, fromIdp));
    }

    @Transactional
    public DraftView view(String site, UUID id) {
        return DraftView.of(drafts.get(site, id));
    }

    /** What a step shows: its part of the draft and what helps fill it. */
    @Transactional
    public ObjectNode step(String site, UUID id, WizardStep step) {
        return views.of(drafts.get(site, id), step);
    }

    /** The site's drafts, the most recently touched first. */
    @Transactional
    public List<DraftSummary> drafts(String site) {
        return IdpDraft.<IdpDraft>list("siteKey = ?1 order by updatedAt desc", site).stream()
                .map(d -> new DraftSummary(d.id, d.document.nameId(), d.document.displayName(), d.editingNameId,
                        d.updatedAt))
                .toList();
    }

    @Transactional
    public void discard(String site, UUID id) {
        drafts.get(site, id).delete();
    }

    /** Writes one step: merges the body into the draft, validates that step alone, keeps it normalized. */
    @Transactional
    public ObjectNode putStep(String site, UUID id, WizardStep step, JsonNode body) {
        IdpDraft draft = drafts.get(site, id);
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "the " + step.path + " step needs a JSON object");
        }
        ObjectNode input = ((ObjectNode) body).deepCopy();
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> presetInputs = new LinkedHashMap<>(draft.presetInputs);
        String newSecret = null;
        boolean saml = draft.document.usesSaml();
        if (step == WizardStep.DETAILS && !saml) {
            newSecret = StepMerger.take(input, "clientSecret");
            if (ControlCharacters.anyIn(newSecret)) {
                errors.add(new FieldError("oidc.clientSecret", "must not contain control characters"));
                newSecret = null;
            }
            presetInputs.putAll(DetailsRules.takePresetInputs(input, errors));
        }
        if (draft.editingNameId != null && step == WizardStep.BASICS && input.has("nameId")
                && !draft.editingNameId.equals(input.path("nameId").asText())) {
            errors.add(new FieldError("nameId", "cannot change when editing an existing IdP"));
        }
        boolean typeChosen = input.has("type");
        IdpDocument raw = merger.merge(draft.document, step, input);
        IdpDocument merged = step != WizardStep.DETAILS ? raw
                : saml ? SamlDetailsRules.apply(draft.document.saml(), raw, input, errors)
                : DetailsRules.apply(draft.document.oidc(), raw, input, typeChosen, presetInputs, errors);
        IdpValidator.Evaluation evaluation = validator.evaluate(secrets.forValidation(merged, draft, newSecret),
                idps.context(site, Optional.ofNullable(draft.editingNameId), merged.nameId()));
        evaluation.errors().stream()
                .filter(error -> error.part() == step.part)
                .filter(error -> !pendingMappingChoice(step, merged, error))
                .map(InvalidField::toFieldError)
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        draft.document = merger.keepStep(merged, evaluation.result().document(), step);
        draft.presetInputs = presetInputs;
        if (newSecret != null) {
            secrets.seal(draft, newSecret);
        }
        drafts.touch(draft);
        return views.of(draft, step);
    }

    /**
     * Fetches the OpenID configuration of the draft's config URL and fills the endpoints (a SAML
     * IdP: its metadata URL, which fills the entity id, SSO URL and certificates). The fetch runs
     * between two short transactions, so a slow IdP holds no database connection.
     */
    public ObjectNode discover(String site, UUID id) {
        if (usesSaml(site, id)) {
            return discover(site, id, "saml.metadataUrl", doc -> doc.saml() == null ? null : doc.saml().metadataUrl(),
                    url -> {
                        try {
                            SamlIdpMetadata metadata = samlMetadata.fetch(url);
                            return doc -> doc.withSaml(doc.saml().withMetadata(metadata));
                        } catch (SamlMetadataReader.MetadataException e) {
                            throw ProblemException.invalid("saml.metadataUrl", e.getMessage());
                        }
                    });
        }
        return discover(site, id, "oidc.configUrl", doc -> doc.oidc() == null ? null : doc.oidc().configUrl(), url -> {
            try {
                OidcDiscovery.Metadata metadata = discovery.fetch(url);
                return doc -> doc.withOidc(doc.oidc().withEndpoints(new OidcSettings.Endpoints(metadata.issuer(),
                        metadata.jwksUri(), metadata.authorizationUrl(), metadata.tokenUrl(), metadata.userInfoUrl()))
                        .withoutSecret());
            } catch (OidcDiscovery.DiscoveryException e) {
                // One error per reason: the wizard lists them all.
                throw ProblemException.invalid(e.reasons().stream()
                        .map(reason -> new FieldError("oidc.configUrl", reason)).toList());
            }
        });
    }

    /**
     * @param field where the draft holds the URL ({@code oidc.configUrl})
     * @param fetch fetches the URL (no transaction), and says how the draft takes what it gave
     */
    private ObjectNode discover(String site, UUID id, String field, Function<IdpDocument, String> urlOf,
            Function<String, UnaryOperator<IdpDocument>> fetch) {
        String url = QuarkusTransaction.requiringNew().call(() -> {
            String value = urlOf.apply(drafts.get(site, id).document);
            if (value == null) {
                throw ProblemException.invalid(field, "is required for discovery; set it in the details step");
            }
            return value;
        });
        UnaryOperator<IdpDocument> fill = fetch.apply(url);
        return QuarkusTransaction.requiringNew().call(() -> {
            IdpDraft draft = drafts.get(site, id);
            if (!url.equals(urlOf.apply(draft.document))) {
                throw ProblemException.conflict("The draft's " + field.substring(field.indexOf('.') + 1)
                        + " changed during discovery; discover again.");
            }
            draft.document = fill.apply(draft.document);
            drafts.touch(draft);
            return views.of(draft, WizardStep.DETAILS);
        });
    }

    /** Whether the draft is of a SAML IdP (its details step then takes the IdP's metadata as a file). */
    @Transactional
    public boolean usesSaml(String site, UUID id) {
        return drafts.get(site, id).document.usesSaml();
    }

    /** Validates the whole draft like CI's PUT, creates or updates the IdP, and removes the draft. */
    @Transactional
    public IdpWriteResult save(String site, UUID id) {
        IdpDraft draft = drafts.get(site, id);
        IdpDocument document = secrets.forSave(draft);
        IdpWriteResult result = draft.editingNameId == null
                ? idps.create(site, document)
                : idps.put(site, draft.editingNameId, document);
        draft.delete();
        return result;
    }

    /** The welcome email and first-login message of the draft, rendered for a sample user, with their warnings. */
    @Transactional
    public WelcomePreview preview(String site, UUID id, String name, String login, String email) {
        return preview(site, id, null, name, login, email);
    }

    /**
     * The same for welcome settings being edited and not saved yet (the console's live preview):
     * rendered and checked as the draft would be with them, nothing stored.
     */
    @Transactional
    public WelcomePreview preview(String site, UUID id, WelcomeSettings unsaved, String name, String login,
            String email) {
        IdpDraft draft = drafts.get(site, id);
        IdpDocument document = unsaved == null ? draft.document : merger.withWelcome(draft.document, unsaved);
        WelcomeSettings welcome = document.welcome() == null ? WelcomeSettings.disabled() : document.welcome();
        Map<String, String> values = WelcomeTemplates.values(name, login, email, sites.get(site).name());
        return new WelcomePreview(WelcomeTemplates.subject(welcome.emailSubject(), values),
                WelcomeTemplates.html(welcome.emailTemplate(), values),
                WelcomeTemplates.html(welcome.messageTemplate(), values),
                idps.warnings(document, true, IdpPart.WELCOME));
    }

    /** The parsed mapping document of a step, for the nodes it offers. */
    public Optional<MappingDocument> parsedMapping(String document) {
        return views.parsedMapping(document);
    }

    /** At the mapping steps, the admin uploads the document first and picks the nodes next. */
    private static boolean pendingMappingChoice(WizardStep step, IdpDocument doc, InvalidField error) {
        if (!step.isMapping()) {
            return false;
        }
        var mapping = step == WizardStep.ACCESS_RIGHTS ? doc.accessRightMapping() : doc.groupMapping();
        boolean nodesChosen = mapping != null && mapping.keyNode() != null && mapping.valueNode() != null;
        return !nodesChosen && error.missing();
    }
}
