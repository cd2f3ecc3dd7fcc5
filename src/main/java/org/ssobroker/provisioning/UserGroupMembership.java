package org.ssobroker.provisioning;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

@Entity
@Table(name = "user_group_membership")
@IdClass(UserGroupMembership.Key.class)
public class UserGroupMembership extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Id
    @Column(name = "group_name")
    public String groupName;

    @Id
    @Enumerated(EnumType.STRING)
    public GroupSource source;

    @Column(name = "site_key")
    public String siteKey;

    public record Key(UUID userId, String groupName, GroupSource source) implements Serializable {
    }
}
