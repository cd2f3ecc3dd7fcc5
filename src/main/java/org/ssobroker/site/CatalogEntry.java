package org.ssobroker.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** An entry of a site catalog: an access right or a user group. */
@MappedSuperclass
public abstract class CatalogEntry extends PanacheEntityBase {

    @Id
    @Column(name = "site_key")
    public String siteKey;

    @Id
    public String name;

    public String description;
}
