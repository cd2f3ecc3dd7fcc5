package org.ssobroker.wizard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.ssobroker.idp.IdpDocument;
import org.ssobroker.idp.IdpService;
import org.ssobroker.idp.IdpValidator;
import org.ssobroker.idp.IdpView;
import org.ssobroker.idp.IdpWriteResult;
import org.ssobroker.idp.OidcDiscovery;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.mapping.MappingDocument;
import org.ssobroker.mapping.MappingDocumentException;
import org.ssobroker.mapping.MappingDocumentParser;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.FieldError;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.ProblemMappers;
import org.ssobroker.support.SecretBox;
import org.ssobroker.support.TextInputs;
import org.ssobroker.support.Timestamps;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The IdP wizard: a draft document in PostgreSQL, written one step at a time (each step
 * validated alone by the one {@link IdpValidator}), saved through the same path as CI's PUT.
 */
@ApplicationScoped
public class WizardService {

    /** Filled by discovery while a config URL is set; read-only then. */
    static final List<String> DISCOVERED = List.of("issuer", "jwksUri", "authorizationUrl", "tokenUrl", "userInfoUrl");
    private static final Pattern PRESET_INPUT = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final ObjectMapper json;
    private final IdpService idps;
    private final IdpValidator validator;
    private final OidcDiscovery discovery;
    private final MappingDocumentParser parser;
    private final SecretBox secrets;
    private final BrokerConfig config;

    public WizardService(ObjectMapper json, IdpService idps, IdpValidator validator, OidcDiscovery discovery,
            MappingDocumentParser parser, SecretBox secrets, BrokerConfig config) {
        this.json = json;
        this.idps = idps;
        this.validator = validator;
        this.discovery = discovery;
        this.parser = parser;
        this.secrets = secrets;
        this.config = config;
    }

    /** A new draft, empty or (edit mode) holding an existing IdP. Old drafts are cleaned up on the way. */
    @Transactional
    public IdpDraft create(String site, String fromIdp) {
        SiteKeys.require(site);
        deleteStale();
        IdpDraft draft = new IdpDraft();
        draft.id = UUID.randomUUID();
        draft.siteKey = site;
        draft.presetInputs = Map.of();
        draft.createdAt = Timestamps.now();
        draft.updatedAt = draft.createdAt;
        if (fromIdp == null) {
            draft.document = new IdpDocument(null, null, "OIDC", List.of(), null, false, List.of(),
                    new OidcSettings("GENERIC", null, null, null, null, null, null, null, null, null, null, true),
                    List.of(), null, null, null, List.of(), null, false, null);
        } else {
            // The stored secret stays on the IdP: saving without a new one keeps it, unless the
            // endpoints changed (IdpService refuses: a stored secret never reaches a new endpoint).
            IdpView existingView = idps.get(site, fromIdp);
            IdpDocument existing = existingView.idp();
            draft.editingNameId = existing.nameId();
            draft.secretStoredOnIdp = existingView.clientSecretSet();
            draft.document = withoutSecret(existing);
            draft.persist();
            return draft;
        }
        draft.persist();
        return draft;
    }

    @Transactional
    public IdpDraft get(String site, UUID id) {
        IdpDraft draft = IdpDraft.findById(id);
        if (draft == null || !draft.siteKey.equals(site)) {
            throw ProblemException.notFound("No wizard draft '" + id + "' in site '" + site + "' (saved, discarded, "
                    + "or older than " + config.wizardDraftMaxAge().toDays() + " days).");
        }
        return draft;
    }

    @Transactional
    public void discard(String site, UUID id) {
        get(site, id).delete();
    }

    /** Writes one step: merges the body into the draft, validates that step alone, keeps it normalized. */
    @Transactional
    public IdpDraft putStep(String site, UUID id, WizardStep step, JsonNode body) {
        IdpDraft draft = get(site, id);
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "the " + step.path + " step needs a JSON object");
        }
        ObjectNode input = ((ObjectNode) body).deepCopy();
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> presetInputs = new LinkedHashMap<>(draft.presetInputs);
        String newSecret = null;
        if (step == WizardStep.DETAILS) {
            newSecret = takeText(input, "clientSecret");
            if (ControlCharacters.anyIn(newSecret)) {
                errors.add(new FieldError("oidc.clientSecret", "must not contain control characters"));
                newSecret = null;
            }
            presetInputs.putAll(takePresetInputs(input, errors));
            input.remove("clientSecretSet");
            input.remove("callbackUrl");
            input.remove("authorizationBaseUrl");
        }
        if (step == WizardStep.ACCESS_RIGHTS || step == WizardStep.GROUPS) {
            input.remove("nodes");
            input.remove("table");
        }
        if (draft.editingNameId != null && step == WizardStep.BASICS && input.has("nameId")
                && !draft.editingNameId.equals(input.path("nameId").asText())) {
            errors.add(new FieldError("nameId", "cannot change when editing an existing IdP"));
        }
        ObjectNode document = json.valueToTree(draft.document);
        merge(document, step, input);
        IdpDocument raw = toDocument(document);
        IdpDocument merged = step == WizardStep.DETAILS
                ? applyDetailsRules(draft, raw, input, presetInputs, errors) : raw;
        IdpValidator.Evaluation evaluation = validator.evaluate(withSecretFlag(merged, draft, newSecret),
                idps.context(site, Optional.ofNullable(draft.editingNameId), merged.nameId()));
        evaluation.errors().stream().filter(e -> step.owns(e.field()))
                .filter(e -> !pendingMappingChoice(step, merged, e))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        draft.document = keepStep(merged, evaluation.result().document(), step);
        draft.presetInputs = presetInputs;
        if (newSecret != null) {
            draft.clientSecretSealed = secrets.seal(newSecret, draft.secretContext());
        }
        draft.updatedAt = Timestamps.now();
        return draft;
    }

    /**
     * Fetches the OpenID configuration of the draft's config URL and fills the endpoints. The fetch
     * runs between two short transactions, so a slow IdP holds no database connection.
     */
    public IdpDraft discover(String site, UUID id) {
        String configUrl = QuarkusTransaction.requiringNew().call(() -> {
            OidcSettings oidc = get(site, id).document.oidc();
            if (oidc == null || oidc.configUrl() == null) {
                throw ProblemException.invalid("oidc.configUrl", "is required for discovery; set it in the details "
                        + "step");
            }
            return oidc.configUrl();
        });
        OidcDiscovery.Metadata metadata;
        try {
            metadata = discovery.fetch(configUrl);
        } catch (OidcDiscovery.DiscoveryException e) {
            throw ProblemException.invalid("oidc.configUrl", e.getMessage());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            IdpDraft draft = get(site, id);
            OidcSettings oidc = draft.document.oidc();
            if (oidc == null || !configUrl.equals(oidc.configUrl())) {
                throw ProblemException.conflict("The draft's configUrl changed during discovery; discover again.");
            }
            draft.document = draft.document.withOidc(new OidcSettings(oidc.type(), oidc.configUrl(),
                    metadata.issuer(), metadata.jwksUri(), metadata.authorizationUrl(), metadata.tokenUrl(),
                    metadata.userInfoUrl(), oidc.clientId(), null, oidc.scopes(), oidc.externalUserIdAttribute(),
                    oidc.pkce()));
            draft.updatedAt = Timestamps.now();
            return draft;
        });
    }

    /** Validates the whole draft like CI's PUT, creates or updates the IdP, and removes the draft. */
    @Transactional
    public IdpWriteResult save(String site, UUID id) {
        IdpDraft draft = get(site, id);
        IdpDocument document = withSecret(draft);
        IdpWriteResult result = draft.editingNameId == null
                ? idps.create(site, document)
                : idps.put(site, draft.editingNameId, document);
        draft.delete();
        return result;
    }

    /** The parsed mapping document of a step, for the nodes it offers. */
    public Optional<MappingDocument> parsedMapping(String document) {
        if (document == null || document.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(document, config.limits().mappingDocumentBytes()));
        } catch (MappingDocumentException e) {
            return Optional.empty();
        }
    }

    /** Off the start path: readiness does not wait for it (creating a draft cleans up too). */
    void cleanUpAtStart(@Observes StartupEvent event) {
        CompletableFuture.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().run(this::deleteStale);
            } catch (RuntimeException e) {
                Log.warnf("Stale wizard drafts were not cleaned up at start: %s", e.getMessage());
            }
        });
    }

    private void deleteStale() {
        int deleted = IdpDraft.getEntityManager().createNativeQuery("delete from idp_draft where updated_at < ?1")
                .setParameter(1, Timestamp.from(Timestamps.now().minus(config.wizardDraftMaxAge())))
                .executeUpdate();
        if (deleted > 0) {
            Log.infof("Deleted %d wizard drafts older than %s", deleted, config.wizardDraftMaxAge());
        }
    }

    /** At the mapping steps, the admin uploads the document first and picks the nodes next. */
    private static boolean pendingMappingChoice(WizardStep step, IdpDocument doc, FieldError error) {
        if (step != WizardStep.ACCESS_RIGHTS && step != WizardStep.GROUPS) {
            return false;
        }
        var mapping = step == WizardStep.ACCESS_RIGHTS ? doc.accessRightMapping() : doc.groupMapping();
        boolean nodesChosen = mapping != null && mapping.keyNode() != null && mapping.valueNode() != null;
        return !nodesChosen && error.message().equals("is required");
    }

    /**
     * The details step: presets fill what is empty; with a config URL the discovered endpoints
     * are read-only, and a changed config URL clears them (discover again).
     */
    private IdpDocument applyDetailsRules(IdpDraft draft, IdpDocument merged, ObjectNode input,
            Map<String, String> presetInputs, List<FieldError> errors) {
        OidcSettings before = draft.document.oidc();
        OidcSettings oidc = merged.oidc();
        List<FieldError> presetErrors = new ArrayList<>();
        IdpPresets.Defaults defaults = IdpPresets.defaults(oidc.type() == null ? null
                : oidc.type().trim().toUpperCase(java.util.Locale.ROOT), presetInputs, presetErrors);
        String configUrl = oidc.configUrl() != null ? oidc.configUrl() : defaults.configUrl();
        if (oidc.configUrl() == null && defaults.configUrl() == null && !presetErrors.isEmpty()
                && input.has("type")) {
            errors.addAll(presetErrors);
        }
        boolean sameConfigUrl = configUrl != null && before != null && configUrl.equals(before.configUrl());
        String[] discovered = {oidc.issuer(), oidc.jwksUri(), oidc.authorizationUrl(), oidc.tokenUrl(),
                oidc.userInfoUrl()};
        if (configUrl != null) {
            for (int i = 0; i < DISCOVERED.size(); i++) {
                String field = DISCOVERED.get(i);
                String previous = sameConfigUrl ? discoveredValue(before, i) : null;
                if (input.has(field) && !java.util.Objects.equals(text(input.get(field)), previous)) {
                    errors.add(new FieldError("oidc." + field, "is read-only while configUrl is set: it comes from "
                            + "discovery (clear configUrl to enter it by hand)"));
                }
                discovered[i] = previous;
            }
        }
        OidcSettings result = new OidcSettings(oidc.type(), configUrl, discovered[0], discovered[1], discovered[2],
                discovered[3], discovered[4], oidc.clientId(), null,
                oidc.scopes() == null || oidc.scopes().isEmpty() ? defaults.scopes() : oidc.scopes(),
                oidc.externalUserIdAttribute() == null ? defaults.externalUserIdAttribute()
                        : oidc.externalUserIdAttribute(), oidc.pkce());
        return merged.withOidc(result);
    }

    private static String discoveredValue(OidcSettings oidc, int index) {
        return switch (index) {
            case 0 -> oidc.issuer();
            case 1 -> oidc.jwksUri();
            case 2 -> oidc.authorizationUrl();
            case 3 -> oidc.tokenUrl();
            default -> oidc.userInfoUrl();
        };
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private Map<String, String> takePresetInputs(ObjectNode input, List<FieldError> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : IdpPresets.INPUTS) {
            JsonNode value = input.remove(name);
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.asText().trim();
            if (!name.equals("baseUrl") && !text.isEmpty() && !PRESET_INPUT.matcher(text).matches()) {
                errors.add(new FieldError("oidc." + name, "must be letters, digits, '.', '_' or '-'"));
            } else if (ControlCharacters.anyIn(text)) {
                errors.add(new FieldError("oidc." + name, "must not contain control characters"));
            }
            values.put(name, text);
        }
        return values;
    }

    private static String takeText(ObjectNode input, String name) {
        JsonNode value = input.remove(name);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    /** Puts the step's body into the document: top-level fields, or the nested object. */
    private static void merge(ObjectNode document, WizardStep step, ObjectNode input) {
        if (step.nested != null) {
            JsonNode current = document.get(step.nested);
            ObjectNode target = current instanceof ObjectNode object ? object : document.putObject(step.nested);
            target.setAll(input);
            return;
        }
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!step.fields.contains(name)) {
                throw ProblemException.badRequest(name, "is not a field of the " + step.path + " step (its fields: "
                        + String.join(", ", step.fields) + ")");
            }
        }
        document.setAll(input);
    }

    private IdpDocument toDocument(ObjectNode document) {
        try {
            return json.treeToValue(document, IdpDocument.class);
        } catch (JsonProcessingException e) {
            // A step's value of the wrong type: answered like the same mistake in CI's PUT.
            throw ProblemException.badRequest(e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                    ? ProblemMappers.path(mapping) : "body", e instanceof TextInputs.ControlCharacterException
                    ? TextInputs.ControlCharacterException.RULE : "wrong type or invalid value");
        }
    }

    /** The draft with only this step's part normalized; the others stay as the admin left them. */
    private IdpDocument keepStep(IdpDocument merged, IdpDocument normalized, WizardStep step) {
        ObjectNode target = json.valueToTree(merged);
        ObjectNode source = json.valueToTree(normalized);
        List<String> fields = step.nested != null ? List.of(step.nested) : step.fields;
        for (String field : fields) {
            JsonNode value = source.get(field);
            if (value != null && !value.isNull()) {
                target.set(field, value);
            }
        }
        if (step == WizardStep.DETAILS && target.get("oidc") instanceof ObjectNode oidc) {
            oidc.remove("clientSecret");
        }
        return toDocument(target);
    }

    private IdpDocument withSecretFlag(IdpDocument doc, IdpDraft draft, String newSecret) {
        boolean stored = draft.clientSecretSealed != null || draft.secretStoredOnIdp;
        if (newSecret == null && !stored) {
            return doc;
        }
        return doc.withOidc(doc.oidc().withClientSecret(newSecret != null ? newSecret : "(stored)"));
    }

    private IdpDocument withSecret(IdpDraft draft) {
        String secret = draft.clientSecretSealed == null ? null
                : secrets.open(draft.clientSecretSealed, draft.secretContext());
        return secret == null ? draft.document : draft.document.withOidc(draft.document.oidc().withClientSecret(secret));
    }

    private static IdpDocument withoutSecret(IdpDocument d) {
        return d.withOidc(d.oidc() == null ? null : d.oidc().withoutSecret());
    }
}
