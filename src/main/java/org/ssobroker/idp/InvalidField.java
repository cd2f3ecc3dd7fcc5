package org.ssobroker.idp;

import org.ssobroker.support.FieldError;

/**
 * One validation failure of an IdP document: the part it belongs to, the field's JSON path, why,
 * and whether the field is merely missing (a wizard step may still be half filled).
 */
public record InvalidField(IdpPart part, String field, String message, boolean missing) {

    public FieldError toFieldError() {
        return new FieldError(field, message);
    }
}
