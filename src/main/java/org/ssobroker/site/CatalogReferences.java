package org.ssobroker.site;

import java.util.List;

/** Tells which IdPs of a site use a catalog entry, so it is not deleted from under them. */
public interface CatalogReferences {

    List<String> idpsUsing(String siteKey, CatalogKind kind, String name);

    List<String> idpsLinkedTo(String siteKey, String loginUrlName);
}
