package org.ssobroker.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.mapping.LoginRefusedException;
import org.ssobroker.mapping.MappedIdentity;
import org.ssobroker.support.Timestamps;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Just-in-time provisioning, shared by the browser login and the token exchange: the first
 * login creates the user and links it to the IdP by external user id; every login re-syncs
 * profile, access right, attributes and the groups the IdP gives (replacing the ones it gave
 * last time; default and admin-set groups stay). One transaction per login.
 *
 * <p>Every login runs this, so it is plain SQL on the transaction's connection (Agroal hands
 * Hibernate and us the same one): a re-sync is one lock, one {@code update ... returning} and one
 * read of the groups, with no entity loaded or dirty-checked. The admin API still uses the
 * {@link AppUser} entity; {@code version} is bumped here so its optimistic locking holds.
 */
@ApplicationScoped
public class UserProvisioner {

    /** The profile columns a login writes, in the order {@link #bindProfile} binds them. */
    private static final String PROFILE_COLUMNS = "login, email, name, first_name, last_name, access_right, "
            + "portal_page, skin, dashboard_theme, language";
    private static final int PROFILE_PARAMETERS = 11;   // the columns above, then the attributes

    private static final String RESYNC = "update app_user u set (" + PROFILE_COLUMNS + ") = "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?), attributes = u.attributes || cast(? as jsonb), last_login_at = ?, "
            + "version = u.version + 1 from user_idp_link l "
            + "where l.user_id = u.id and l.idp_id = ? and l.external_user_id = ? returning u.id, u.first_login_pending";
    private static final String CREATE = "insert into app_user (" + PROFILE_COLUMNS + ", attributes, last_login_at, "
            + "id, site_key, first_login_pending, created_at, version) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, 0) "
            + "on conflict (site_key, login) do nothing";

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
     * @throws LoginRefusedException when the login belongs to a user of another sign-in method
     */
    @Transactional
    public ProvisionedUser provision(String siteKey, long idpId, MappedIdentity identity, boolean firstLoginMessage) {
        Timestamp now = Timestamp.from(Timestamps.now());
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, idpId, identity.externalUserId());
            UUID id;
            boolean pending;
            boolean created;
            try (PreparedStatement update = connection.prepareStatement(RESYNC)) {
                int next = bindProfile(update, identity);
                update.setTimestamp(next++, now);
                update.setLong(next++, idpId);
                update.setString(next, identity.externalUserId());
                try (ResultSet row = executeProfileWrite(update, identity)) {
                    created = !row.next();
                    id = created ? null : row.getObject(1, UUID.class);
                    pending = !created && row.getBoolean(2);
                }
            }
            if (created) {
                id = create(connection, siteKey, idpId, identity, firstLoginMessage, now);
                pending = firstLoginMessage;
            }
            syncGroups(connection, id, siteKey, created, identity.idpGroups(), identity.defaultGroups());
            return new ProvisionedUser(id, identity.login(), identity.email(), identity.name(), created, pending);
        } catch (SQLException e) {
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

    /** Serializes logins of one external user: concurrent first logins create one user. */
    private static void lock(Connection connection, long idpId, String externalUserId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, (int) idpId);
            lock.setInt(2, externalUserId.hashCode());
            lock.executeQuery().close();
        }
    }

    private UUID create(Connection connection, String siteKey, long idpId, MappedIdentity identity,
            boolean firstLoginMessage, Timestamp now) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(CREATE)) {
            int next = bindProfile(insert, identity);
            insert.setTimestamp(next++, now);
            insert.setObject(next++, id);
            insert.setString(next++, siteKey);
            insert.setBoolean(next++, firstLoginMessage);
            insert.setTimestamp(next, now);
            if (insert.executeUpdate() == 0) {
                throw loginTaken(identity);
            }
        }
        try (PreparedStatement link = connection.prepareStatement("insert into user_idp_link "
                + "(user_id, idp_id, external_user_id, linked_at) values (?, ?, ?, ?)")) {
            link.setObject(1, id);
            link.setLong(2, idpId);
            link.setString(3, identity.externalUserId());
            link.setTimestamp(4, now);
            link.executeUpdate();
        }
        return id;
    }

    /** A re-sync that renames the login onto another user's is refused like a first login would be. */
    private static ResultSet executeProfileWrite(PreparedStatement statement, MappedIdentity identity)
            throws SQLException {
        try {
            return statement.executeQuery();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw loginTaken(identity);
            }
            throw e;
        }
    }

    private static LoginRefusedException loginTaken(MappedIdentity identity) {
        // Linking to an existing account on a matching login alone would let one IdP take over
        // an account another IdP owns.
        return new LoginRefusedException("A user with the login '" + identity.login() + "' already exists in this "
                + "site through another sign-in method. Ask an administrator to link the accounts.");
    }

    /** Binds {@link #PROFILE_COLUMNS} and the attributes to merge; returns the next parameter index. */
    private int bindProfile(PreparedStatement statement, MappedIdentity identity) throws SQLException {
        String[] values = {identity.login(), identity.email(), identity.name(), identity.firstName(),
                identity.lastName(), identity.accessRight(), identity.portalPage(), identity.skin(),
                identity.dashboardTheme(), identity.language()};
        for (int i = 0; i < values.length; i++) {
            statement.setString(i + 1, values[i]);
        }
        try {
            statement.setString(values.length + 1, json.writeValueAsString(identity.attributes()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attributes cannot be written as JSON", e);
        }
        return PROFILE_PARAMETERS + 1;
    }

    /**
     * The IdP's groups replace those it gave last time; default groups are added; admin-set
     * groups stay. Only the difference is written: one read (none for a new user), at most one
     * delete and one insert. Groups no longer in the site's catalog are skipped.
     */
    private static void syncGroups(Connection connection, UUID userId, String siteKey, boolean created,
            Set<String> idpGroups, Set<String> defaultGroups) throws SQLException {
        List<String> currentIdp = new ArrayList<>();
        List<String> currentDefault = new ArrayList<>();
        if (!created) {
            try (PreparedStatement read = connection.prepareStatement("select group_name, source from "
                    + "user_group_membership where user_id = ? and source in ('IDP', 'DEFAULT')")) {
                read.setObject(1, userId);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        (GroupSource.IDP.name().equals(rows.getString(2)) ? currentIdp : currentDefault)
                                .add(rows.getString(1));
                    }
                }
            }
        }
        List<String> stale = currentIdp.stream().filter(g -> !idpGroups.contains(g)).toList();
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        idpGroups.stream().filter(g -> !currentIdp.contains(g)).forEach(g -> {
            names.add(g);
            sources.add(GroupSource.IDP.name());
        });
        defaultGroups.stream().filter(g -> !currentDefault.contains(g)).forEach(g -> {
            names.add(g);
            sources.add(GroupSource.DEFAULT.name());
        });
        if (!stale.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("delete from user_group_membership "
                    + "where user_id = ? and source = 'IDP' and group_name = any(?)")) {
                delete.setObject(1, userId);
                delete.setArray(2, connection.createArrayOf("varchar", stale.toArray()));
                delete.executeUpdate();
            }
        }
        if (!names.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into user_group_membership "
                    + "(user_id, site_key, group_name, source) select ?, g.site_key, g.name, m.source "
                    + "from unnest(?, ?) as m(name, source) join user_group g on g.site_key = ? and g.name = m.name "
                    + "on conflict do nothing")) {
                insert.setObject(1, userId);
                insert.setArray(2, connection.createArrayOf("varchar", names.toArray()));
                insert.setArray(3, connection.createArrayOf("varchar", sources.toArray()));
                insert.setString(4, siteKey);
                insert.executeUpdate();
            }
        }
    }
}
