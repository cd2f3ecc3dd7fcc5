package org.ssobroker.idp;

/**
 * Fired when an IdP is created, updated or deleted, here or (through {@link IdpChangeFeed}) on
 * another replica. Caches of IdP snapshots, tenant configs and JWKS observe it after commit
 * ({@code during = AFTER_COMPLETION}) to drop stale entries. {@link #ALL} as nameId means every
 * IdP of the site.
 */
public record IdpChanged(String siteKey, String nameId, Change change) {

    public static final String ALL = "*";

    public enum Change { CREATED, UPDATED, DELETED }

    /** Whether a cache entry of this IdP is concerned. */
    public boolean concerns(String site, String idpNameId) {
        return siteKey.equals(site) && (ALL.equals(nameId) || nameId.equals(idpNameId));
    }
}
