package org.ssobroker.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;

/** A login page of a site; IdPs link to exactly one. */
@Entity
@Table(name = "login_url")
public class LoginUrl extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "site_key")
    public String siteKey;

    public String name;

    public String title;

    public static Optional<LoginUrl> find(String siteKey, String name) {
        return find("siteKey = ?1 and name = ?2", siteKey, name).firstResultOptional();
    }
}
