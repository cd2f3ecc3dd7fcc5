package org.ssobroker.wizard;

/** Body of {@code POST /api/sites/{site}/idp-wizard}: empty for a new IdP, or the IdP to edit. */
public record NewDraftRequest(String fromIdp) {
}
