package org.ssobroker.site;

public record CatalogEntryView(String name, String description) {

    static CatalogEntryView of(CatalogEntry entry) {
        return new CatalogEntryView(entry.name, entry.description);
    }
}
