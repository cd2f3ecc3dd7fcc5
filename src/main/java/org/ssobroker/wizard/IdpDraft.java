package org.ssobroker.wizard;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ssobroker.idp.IdpDocument;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A wizard draft: the IdP document so far (without its secret, which is sealed apart). */
@Entity
@Table(name = "idp_draft")
public class IdpDraft extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "site_key")
    public String siteKey;

    @Column(name = "editing_name_id")
    public String editingNameId;

    @JdbcTypeCode(SqlTypes.JSON)
    public IdpDocument document;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "preset_inputs")
    public Map<String, String> presetInputs;

    @Column(name = "client_secret_sealed")
    public String clientSecretSealed;

    /** Editing an IdP that has a secret: saving without a new one keeps it (if the endpoints stay). */
    @Column(name = "secret_stored_on_idp")
    public boolean secretStoredOnIdp;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The associated data binding the sealed secret to this draft. */
    String secretContext() {
        return "draft:" + id;
    }
}
