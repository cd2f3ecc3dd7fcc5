package org.ssobroker.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
import java.util.UUID;

/**
 * Writes a login's mapped identity to the user store (just-in-time provisioning): the first
 * login creates the user and links it to the IdP by external user id; every login re-syncs
 * profile, access right, attributes and the groups the IdP gives (replacing the ones it gave
 * last time; default and admin-set groups stay).
 *
 * <p>Every login runs this, so it is one statement: the {@code provision_user} function of the
 * V5 migration, which holds the rules and runs as one transaction (its own, or the caller's when
 * one is active), with an optional {@link UserRowInsert} for the same user in the same
 * statement. Outside a transaction that is one round trip to PostgreSQL and no JTA work.
 * The admin API still uses the {@link AppUser} entity; the function bumps {@code version} so its
 * optimistic locking holds.
 */
@ApplicationScoped
public class UserProvisioner {

    private static final String CALL = "provision_user(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, "
            + "?, ?)";
    private static final int CALL_PARAMETERS = 20;
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
     * @param firstLoginMessage whether the IdP shows a first-login message (a new user then
     *                          has it pending until its first browser visit)
     * @param alsoInsert        written in the same statement for the provisioned user; null for none
     * @throws LoginRefusal when the login belongs to a user of another sign-in method, or the
     *                               external id is linked to another subject of this IdP (nothing is written)
     */
    public ProvisionedUser provision(String siteKey, long idpId, MappedIdentity identity, boolean firstLoginMessage,
            UserRowInsert alsoInsert) {
        String sql = alsoInsert == null ? "select " + RESULT + " from " + CALL
                : "with provisioned as (select * from " + CALL + "), written as (" + alsoInsert.sql("provisioned")
                        + ") select " + RESULT + " from provisioned";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement call = connection.prepareStatement(sql)) {
            bind(call, connection, siteKey, idpId, identity, firstLoginMessage);
            if (alsoInsert != null) {
                for (int i = 0; i < alsoInsert.values().size(); i++) {
                    call.setObject(CALL_PARAMETERS + 1 + i, alsoInsert.values().get(i));
                }
            }
            try (ResultSet row = call.executeQuery()) {
                row.next();
                String refusal = row.getString(4);
                if ("login_taken".equals(refusal)) {
                    throw loginTaken(identity);
                }
                if ("subject_mismatch".equals(refusal)) {
                    // Another account of the IdP now carries this external id (e.g. someone set their
                    // email to the owner's): it must not become the owner here.
                    throw new LoginRefusal(LoginRefusal.Reason.SUBJECT_MISMATCH, "This account of your identity provider is not the one linked "
                            + "to '" + identity.externalUserId() + "' here. Ask an administrator to check the link.");
                }
                return new ProvisionedUser(row.getObject(1, UUID.class), identity.login(), identity.email(),
                        identity.name(), row.getBoolean(2), row.getBoolean(3));
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // A re-sync renaming the login onto another user's.
                throw loginTaken(identity);
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

    private void bind(PreparedStatement call, Connection connection, String siteKey, long idpId,
            MappedIdentity identity, boolean firstLoginMessage) throws SQLException {
        call.setString(1, siteKey);
        call.setLong(2, idpId);
        call.setString(3, identity.externalUserId());
        call.setObject(4, UUID.randomUUID());
        String[] profile = {identity.login(), identity.email(), identity.name(), identity.firstName(),
                identity.lastName(), identity.accessRight(), identity.portalPage(), identity.skin(),
                identity.dashboardTheme(), identity.language()};
        for (int i = 0; i < profile.length; i++) {
            call.setString(5 + i, profile[i]);
        }
        call.setString(15, attributesJson(identity));
        call.setArray(16, groups(connection, identity.idpGroups()));
        call.setArray(17, groups(connection, identity.defaultGroups()));
        call.setBoolean(18, firstLoginMessage);
        call.setString(19, identity.issuer());
        call.setString(20, identity.subject());
    }

    private String attributesJson(MappedIdentity identity) {
        try {
            return json.writeValueAsString(identity.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attributes cannot be written as JSON", e);
        }
    }

    /** Null stays null: provision_user then leaves the IdP-sourced memberships untouched. */
    private static java.sql.Array groups(Connection connection, Set<String> names) throws SQLException {
        return names == null ? null : connection.createArrayOf("varchar", names.toArray());
    }

    private static LoginRefusal loginTaken(MappedIdentity identity) {
        // Linking to an existing account on a matching login alone would let one IdP take over
        // an account another IdP owns.
        return new LoginRefusal(LoginRefusal.Reason.LOGIN_TAKEN, "A user with the login '" + identity.login() + "' already exists in this "
                + "site through another sign-in method. Ask an administrator to link the accounts.");
    }
}
