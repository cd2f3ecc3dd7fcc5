package org.ssobroker.wizard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.IdpDocument;
import org.ssobroker.idp.WelcomeSettings;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.ProblemMappers;
import org.ssobroker.support.TextInputs;

import java.util.Iterator;
import java.util.List;

/**
 * The JSON side of a step: its body merged into the draft document (the step's top-level fields,
 * or its nested object), and after validation only the step's part kept normalized.
 */
@ApplicationScoped
class StepMerger {

    /** What the details step's view shows besides the document; sent back, it is ignored. */
    private static final List<String> SHOWN_BY_DETAILS = List.of("clientSecretSet", "callbackUrl",
            "authorizationBaseUrl", "acsUrl", "spEntityId");
    /** What a mapping step's view shows besides the mapping: the document's nodes, the resulting table. */
    private static final List<String> SHOWN_BY_MAPPING = List.of("nodes", "table");

    private final ObjectMapper json;

    StepMerger(ObjectMapper json) {
        this.json = json;
    }

    /** The draft document with the step's body put in. */
    IdpDocument merge(IdpDocument draft, WizardStep step, ObjectNode input) {
        ObjectNode document = json.valueToTree(draft);
        String nested = step.nested(draft);
        if (nested != null) {
            (step == WizardStep.DETAILS ? SHOWN_BY_DETAILS : step.isMapping() ? SHOWN_BY_MAPPING : List.<String>of())
                    .forEach(input::remove);
            JsonNode current = document.get(nested);
            ObjectNode target = current instanceof ObjectNode object ? object : document.putObject(nested);
            target.setAll(input);
            return toDocument(document);
        }
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!step.fields.contains(name)) {
                throw ProblemException.badRequest(name, "is not a field of the " + step.path + " step (its fields: "
                        + String.join(", ", step.fields) + ")");
            }
        }
        document.setAll(input);
        return toDocument(document);
    }

    /** The draft with only this step's part normalized; the others stay as the admin left them. */
    IdpDocument keepStep(IdpDocument merged, IdpDocument normalized, WizardStep step) {
        ObjectNode target = json.valueToTree(merged);
        ObjectNode source = json.valueToTree(normalized);
        String nested = step.nested(merged);
        List<String> fields = nested != null ? List.of(nested) : step.fields;
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

    /** The document with other welcome settings (for a preview of unsaved text). */
    IdpDocument withWelcome(IdpDocument document, WelcomeSettings welcome) {
        ObjectNode target = json.valueToTree(document);
        target.set("welcome", json.valueToTree(welcome));
        return toDocument(target);
    }

    /** Removes a text field from the body and returns it (null when absent or empty). */
    static String take(ObjectNode input, String name) {
        JsonNode value = input.remove(name);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private IdpDocument toDocument(ObjectNode document) {
        try {
            return json.treeToValue(document, IdpDocument.class);
        } catch (JsonProcessingException e) {
            // A step's value of the wrong type: answered like the same mistake in CI's PUT.
            throw ProblemException.badRequest(e instanceof JsonMappingException mapping
                    ? ProblemMappers.path(mapping) : "body", e instanceof TextInputs.ControlCharacterException
                    ? TextInputs.ControlCharacterException.RULE : "wrong type or invalid value");
        }
    }
}
