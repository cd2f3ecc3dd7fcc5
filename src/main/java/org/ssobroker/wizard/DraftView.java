package org.ssobroker.wizard;

import org.ssobroker.idp.IdpDocument;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A draft as answered: the document so far (never its secret) and the steps to walk. */
public record DraftView(
        String id,
        String site,
        String editing,
        List<String> steps,
        IdpDocument document,
        boolean clientSecretSet,
        Map<String, String> presetInputs,
        Instant createdAt,
        Instant updatedAt) {

    static DraftView of(IdpDraft draft) {
        return new DraftView(draft.id.toString(), draft.siteKey, draft.editingNameId, WizardStep.paths(),
                draft.document.withoutSecret(),
                draft.clientSecretSealed != null || draft.secretStoredOnIdp, draft.presetInputs, draft.createdAt, draft.updatedAt);
    }
}
