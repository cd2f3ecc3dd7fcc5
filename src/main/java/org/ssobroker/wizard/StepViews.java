package org.ssobroker.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.OidcType;
import org.ssobroker.mapping.MappingDocument;
import org.ssobroker.mapping.MappingDocumentException;
import org.ssobroker.mapping.MappingDocumentParser;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;

import java.util.Optional;

/**
 * What a wizard step shows: its part of the draft document, plus what helps the admin fill it —
 * the callback URLs, read-only fields and the type's hints at the details step; the mapping
 * document's nodes and resulting table at the mapping steps.
 */
@ApplicationScoped
class StepViews {

    private final ObjectMapper json;
    private final PublicUrls urls;
    private final MappingDocumentParser parser;
    private final BrokerConfig config;

    StepViews(ObjectMapper json, PublicUrls urls, MappingDocumentParser parser, BrokerConfig config) {
        this.json = json;
        this.urls = urls;
        this.parser = parser;
        this.config = config;
    }

    /** The step's part of the document, plus what the step shows the admin. */
    ObjectNode of(IdpDraft draft, WizardStep step) {
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
        // Editing an IdP whose secret stays stored is "set" too: the admin need not enter it again.
        view.put("clientSecretSet", draft.clientSecretSealed != null || draft.secretStoredOnIdp);
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
        var parsed = parsedMapping(document);
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

    /** The parsed mapping document of a step, for the nodes it offers. */
    Optional<MappingDocument> parsedMapping(String document) {
        if (document == null || document.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(document, config.limits().mappingDocumentBytes()));
        } catch (MappingDocumentException e) {
            return Optional.empty();
        }
    }
}
