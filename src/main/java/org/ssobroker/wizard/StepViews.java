package org.ssobroker.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.OidcType;
import org.ssobroker.idp.SamlSettings;
import org.ssobroker.mapping.MappingDocument;
import org.ssobroker.mapping.MappingDocumentException;
import org.ssobroker.mapping.MappingDocumentParser;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;

import java.util.List;
import java.util.Optional;

/**
 * What a wizard step shows: its part of the draft document, plus what helps the admin fill it —
 * the callback URLs (a SAML IdP's ACS URL and SP entity id), read-only fields and the type's hints
 * at the details step; the mapping
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
        String nested = step.nested(draft.document);
        if (nested != null) {
            if (document.get(nested) instanceof ObjectNode part) {
                view.setAll(part);
            }
        } else {
            step.fields.forEach(field -> view.set(field, document.get(field)));
        }
        switch (step) {
            case DETAILS -> {
                if (draft.document.usesSaml()) {
                    samlDetailsExtras(draft, view);
                } else {
                    detailsExtras(draft, view);
                }
            }
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

    /** What the admin gives the SAML IdP (the SP metadata URL, which is the SP entity id, and the ACS URL). */
    private void samlDetailsExtras(IdpDraft draft, ObjectNode view) {
        String nameId = draft.document.nameId();
        view.put("acsUrl", nameId == null ? null : urls.samlAcsUrl(draft.siteKey, nameId));
        view.put("spEntityId", nameId == null ? null : urls.samlEntityId(draft.siteKey, nameId));
        view.put("authorizationBaseUrl", nameId == null ? null : urls.authorizationBaseUrl(draft.siteKey, nameId));
        var readOnly = view.putArray("readOnly");
        SamlSettings saml = draft.document.saml();
        if (saml != null && (saml.metadataUrl() != null || saml.metadataXml() != null)) {
            SamlSettings.FROM_METADATA.forEach(readOnly::add);
        }
        urls.portWarning().ifPresent(warning -> view.putArray("warnings").add(warning));
        var hints = view.putArray("hints");
        SAML_HINTS.forEach(hints::add);
    }

    private static final List<String> SAML_HINTS = List.of(
            "Give the IdP the SP metadata URL (spEntityId): it names the assertion consumer URL (acsUrl) and the "
                    + "broker's signing and encryption certificates. ADFS: Add Relying Party Trust > Import data "
                    + "about the relying party published online. Entra ID: Enterprise applications > New "
                    + "application > Create your own > SAML, Identifier = spEntityId, Reply URL = acsUrl.",
            "Give the broker the IdP's federation metadata URL (metadataUrl, then discover) or upload its "
                    + "metadata file; the entity id, SSO URL and signing certificates come from it.",
            "SAML carries no email_verified: set trustUnverifiedEmail (basics) for an IdP whose users cannot "
                    + "choose their email, or identify users by another attribute.");

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
