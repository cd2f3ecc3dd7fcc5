package org.ssobroker.provisioning;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A user of a site, created on first login through an IdP and re-synced on every login. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "site_key")
    public String siteKey;

    public String login;
    public String email;
    public String name;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "access_right")
    public String accessRight;

    @Column(name = "portal_page")
    public String portalPage;

    public String skin;

    @Column(name = "dashboard_theme")
    public String dashboardTheme;

    public String language;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> attributes;

    @Column(name = "first_login_pending")
    public boolean firstLoginPending;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    @Version
    public long version;
}
