package org.ssobroker.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ssobroker.idp.IdpDocument;
import org.ssobroker.idp.SamlIdpMetadata;
import org.ssobroker.idp.SamlSettings;
import org.ssobroker.support.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The details step of a SAML IdP: the fields the metadata fills ({@code idpEntityId},
 * {@code ssoUrl}, {@code signingCertificates}) are read-only. They stay while the metadata source
 * stays; a new metadata URL clears them until discovery fetches it, new uploaded metadata fills
 * them when the step is validated.
 */
final class SamlDetailsRules {

    private SamlDetailsRules() {
    }

    static IdpDocument apply(SamlSettings before, IdpDocument merged, ObjectNode input, List<FieldError> errors) {
        SamlSettings saml = merged.saml();
        boolean sameSource = before != null && Objects.equals(saml.metadataUrl(), before.metadataUrl())
                && Objects.equals(saml.metadataXml(), before.metadataXml());
        SamlIdpMetadata kept = sameSource ? before.metadata() : new SamlIdpMetadata(null, null, List.of());
        SamlIdpMetadata previous = before == null ? new SamlIdpMetadata(null, null, List.of()) : before.metadata();
        check(input, "idpEntityId", previous.entityId() == null ? null : List.of(previous.entityId()), errors);
        check(input, "ssoUrl", previous.ssoUrl() == null ? null : List.of(previous.ssoUrl()), errors);
        check(input, "signingCertificates", previous.signingCertificates(), errors);
        return merged.withSaml(saml.withMetadata(kept));
    }

    /** A read-only field sent back unchanged is fine (the step's view shows it); changed, it is an error. */
    private static void check(ObjectNode input, String field, List<String> previous, List<FieldError> errors) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull() || texts(value).equals(previous == null ? List.of() : previous)) {
            return;
        }
        errors.add(new FieldError("saml." + field, "is read-only: it comes from the IdP's metadata (metadataUrl, "
                + "then discover; or metadataXml)"));
    }

    private static List<String> texts(JsonNode value) {
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> texts.add(item.asText()));
        } else {
            texts.add(value.asText());
        }
        return texts;
    }
}
