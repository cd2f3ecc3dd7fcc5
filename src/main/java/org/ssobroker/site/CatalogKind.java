package org.ssobroker.site;

import java.util.function.Supplier;

/** The two catalogs of a site, as they appear in admin API paths. */
public enum CatalogKind {
    ACCESS_RIGHTS("access-rights", "access right", "AccessRight", AccessRight::new),
    GROUPS("groups", "group", "UserGroup", UserGroup::new);

    public final String path;
    public final String label;
    final String entity;
    final Supplier<CatalogEntry> factory;

    CatalogKind(String path, String label, String entity, Supplier<CatalogEntry> factory) {
        this.path = path;
        this.label = label;
        this.entity = entity;
        this.factory = factory;
    }

    static CatalogKind ofPath(String path) {
        return path.equals(GROUPS.path) ? GROUPS : ACCESS_RIGHTS;
    }
}
