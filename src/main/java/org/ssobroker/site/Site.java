package org.ssobroker.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** A tenant of the platform. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {

    @Id
    @Column(name = "site_key")
    public String key;

    public String name;

    /** The access rights whose users may sign in to the site's admin console (default {@code ["Admin"]}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "console_access_rights")
    public List<String> consoleAccessRights = DEFAULT_CONSOLE_ACCESS_RIGHTS;

    public static final List<String> DEFAULT_CONSOLE_ACCESS_RIGHTS = List.of("Admin");

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
