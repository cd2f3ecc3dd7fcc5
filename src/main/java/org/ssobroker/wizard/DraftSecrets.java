package org.ssobroker.wizard;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.IdpDocument;
import org.ssobroker.support.SecretBox;

/**
 * A draft's client secret: sealed (AES-GCM) in its own column, never in the draft document, and
 * opened only to save the IdP.
 */
@ApplicationScoped
class DraftSecrets {

    /** Stands for a secret that is set but not at hand, so validation sees one. */
    private static final String STORED = "(stored)";

    private final SecretBox secrets;

    DraftSecrets(SecretBox secrets) {
        this.secrets = secrets;
    }

    void seal(IdpDraft draft, String secret) {
        draft.clientSecretSealed = secrets.seal(secret, draft.secretContext());
    }

    /** The document as validation should see it: with a secret when one is new, sealed, or kept on the IdP. */
    IdpDocument forValidation(IdpDocument document, IdpDraft draft, String newSecret) {
        boolean stored = draft.clientSecretSealed != null || draft.secretStoredOnIdp;
        if (newSecret == null && !stored) {
            return document;
        }
        return document.withClientSecret(newSecret != null ? newSecret : STORED);
    }

    /** The draft's document with its sealed secret opened (none: the IdP's stored one is kept). */
    IdpDocument forSave(IdpDraft draft) {
        return draft.clientSecretSealed == null ? draft.document
                : draft.document.withClientSecret(secrets.open(draft.clientSecretSealed, draft.secretContext()));
    }
}
