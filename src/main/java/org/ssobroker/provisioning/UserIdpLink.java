package org.ssobroker.provisioning;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Links a user to an IdP by the IdP's external user id (unique per IdP). */
@Entity
@Table(name = "user_idp_link")
@IdClass(UserIdpLink.Key.class)
public class UserIdpLink extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Id
    @Column(name = "idp_id")
    public Long idpId;

    @Column(name = "external_user_id")
    public String externalUserId;

    @Column(name = "linked_at")
    public Instant linkedAt;

    public record Key(UUID userId, Long idpId) implements Serializable {
    }
}
