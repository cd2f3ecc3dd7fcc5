package org.ssobroker.site;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An access right of a site's catalog: a target of the IdPs' access-right mapping. */
@Entity
@Table(name = "access_right")
@IdClass(CatalogEntryId.class)
public class AccessRight extends CatalogEntry {
}
