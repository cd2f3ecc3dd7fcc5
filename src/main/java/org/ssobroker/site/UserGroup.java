package org.ssobroker.site;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user group of a site's catalog: a target of the IdPs' group mapping. */
@Entity
@Table(name = "user_group")
@IdClass(CatalogEntryId.class)
public class UserGroup extends CatalogEntry {
}
