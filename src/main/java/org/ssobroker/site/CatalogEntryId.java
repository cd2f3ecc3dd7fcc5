package org.ssobroker.site;

import java.io.Serializable;

/** Key of a catalog entry (access right or user group): its site and name. */
public record CatalogEntryId(String siteKey, String name) implements Serializable {
}
