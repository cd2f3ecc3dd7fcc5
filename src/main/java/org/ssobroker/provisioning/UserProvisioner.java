package org.ssobroker.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.mapping.MappedIdentity;
import org.ssobroker.support.LoginRefusal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes a login's mapped identity to the user store (just-in-time provisioning) by the rules of
 * {@link ProvisioningRule}: the first login creates the user and links it, every login re-syncs it.
 *
 * <p>Every login runs this, so it is one statement: the {@code provision_user} function (migration
 * V10), which carries out the rules and runs as one transaction (its own, or the caller's when one
 * is active), with an optional {@link UserRowInsert} for the same user in the same statement.
 * Outside a transaction that is one round trip to PostgreSQL and no JTA work. The identity goes
 * as one JSON document ({@link MappedIdentity} as Jackson writes it), so a new user field is a
 * record component there and a column in the function, nothing here. The admin API still uses
 * the {@link AppUser} entity; the function bumps {@code version} so its optimistic locking holds.
 */
@ApplicationScoped
@RegisterForReflection(targets = MappedIdentity.class)
public class UserProvisioner {

    private static final String CALL = "provision_user(?, ?, ?, ?, cast(? as jsonb))";
    private static final int CALL_PARAMETERS = 5;
    private static final String RESULT = "o_user_id, o_created, o_first_login_pending, o_refusal";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final EntityManager em;
    private final ObjectMapper json;

    public UserProvisioner(DataSource dataSource, EntityManager em, ObjectMapper json) {
        this.dataSource = dataSource;
        this.em = em;
        this.json = json;
    }

    /**
     * @param identity          its {@code idpGroups} null when the IdP's groups are unknown for this login:
     *                          the user's IdP groups are kept ({@link ProvisioningRule#IDP_GROUPS_KEPT_WHEN_UNKNOWN})
     * @param firstLoginMessage whether the IdP shows a first-login message (a new user then
     *                          has it pending until its first browser visit)
     * @param alsoInsert        written in the same statement for the provisioned user; null for none
     * @throws LoginRefusal {@code login_taken} or {@code subject_mismatch} (nothing is written)
     */
    public ProvisionedUser provision(String siteKey, long idpId, MappedIdentity identity, boolean firstLoginMessage,
            UserRowInsert alsoInsert) {
        String sql = alsoInsert == null ? "select " + RESULT + " from " + CALL
                : "with provisioned as (select * from " + CALL + "), written as (" + alsoInsert.sql("provisioned")
                        + ") select " + RESULT + " from provisioned";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement call = connection.prepareStatement(sql)) {
            call.setString(1, siteKey);
            call.setLong(2, idpId);
            call.setObject(3, UUID.randomUUID());
            call.setBoolean(4, firstLoginMessage);
            call.setString(5, identityJson(identity));
            if (alsoInsert != null) {
                for (int i = 0; i < alsoInsert.values().size(); i++) {
                    call.setObject(CALL_PARAMETERS + 1 + i, alsoInsert.values().get(i));
                }
            }
            try (ResultSet row = call.executeQuery()) {
                row.next();
                String refusal = row.getString(4);
                if (refusal != null) {
                    throw refused(ProvisioningRule.refusing(refusal), identity);
                }
                return new ProvisionedUser(row.getObject(1, UUID.class), identity.login(), identity.email(),
                        identity.name(), row.getBoolean(2), row.getBoolean(3));
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // A concurrent login took the login between the function's check and its write.
                throw refused(ProvisioningRule.LOGIN_TAKEN, identity);
            }
            throw new IllegalStateException("provisioning failed", e);
        }
    }

    /** Marks the first-login message as shown; true only for the one call that did it. */
    @Transactional
    public boolean takeFirstLoginMessage(UUID userId) {
        return em.createQuery("update AppUser u set u.firstLoginPending = false "
                        + "where u.id = ?1 and u.firstLoginPending = true")
                .setParameter(1, userId).executeUpdate() == 1;
    }

    private String identityJson(MappedIdentity identity) {
        try {
            return json.writeValueAsString(identity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the mapped identity cannot be written as JSON", e);
        }
    }

    /** What the user is told when a rule refuses the login. */
    private static LoginRefusal refused(ProvisioningRule rule, MappedIdentity identity) {
        LoginRefusal.Reason reason = rule.refusal().orElseThrow();
        return new LoginRefusal(reason, switch (rule) {
            case LINK_BOUND_TO_SUBJECT -> "This account of your identity provider is not the one linked to '"
                    + identity.externalUserId() + "' here. Ask an administrator to check the link.";
            case LOGIN_TAKEN -> "A user with the login '" + identity.login() + "' already exists in this site "
                    + "through another sign-in method. Ask an administrator to link the accounts.";
            default -> throw new IllegalStateException(rule + " refuses no login");
        });
    }
}
