package org.ssobroker.idp;

/**
 * Fired when an IdP is created, updated or deleted. Caches of tenant configs, JWKS and
 * parsed mappings observe it after commit ({@code during = AFTER_SUCCESS}) to drop stale entries.
 */
public record IdpChanged(String siteKey, String nameId, Change change) {

    public enum Change { CREATED, UPDATED, DELETED }
}
