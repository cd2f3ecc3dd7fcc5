package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.provisioning.UserRowInsert;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.Timestamps;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Opaque refresh tokens (256 bits), stored only as hashes, one family per sign-in. A token is
 * bound to its client app and its site (both checked), rotated on every use (a replay revokes
 * the family), revoked with its client (deleted, or secret rotated), and no family outlives
 * {@code refresh-family-max-age} however often it is rotated. Issuing is one insert on a plain
 * connection: its own transaction when called alone (a token exchange: one round trip, no JTA
 * work), the caller's when one is active (a rotation).
 */
@ApplicationScoped
public class RefreshTokens {

    /** The columns of a new token, but its user's id (see {@link #newFamily}). */
    private static final List<String> COLUMNS = List.of("token_hash", "family_id", "site_key", "client_id", "scope",
            "expires_at", "family_started_at");
    private static final String INSERT = "insert into refresh_token (" + String.join(", ", COLUMNS)
            + ", user_id) values (" + "?, ".repeat(COLUMNS.size()) + "?)";

    private final EntityManager em;
    private final DataSource dataSource;
    private final Duration lifetime;
    private final Duration familyMaxAge;
    private final Clock clock;

    public RefreshTokens(EntityManager em, DataSource dataSource, BrokerConfig config, Clock clock) {
        this.em = em;
        this.dataSource = dataSource;
        this.lifetime = config.token().refreshTokenLifetime();
        this.familyMaxAge = config.token().refreshFamilyMaxAge();
        this.clock = clock;
    }

    /** The grant a refresh token stands for. */
    public record Grant(String siteKey, UUID userId, String clientId, String scope, String refreshToken) {
    }

    /** A new family's first token, and its row, to be written with the user it is for. */
    public record NewFamily(String refreshToken, UserRowInsert row) {
    }

    /**
     * Starts a new family (a new sign-in) for a user provisioned in the same statement (a token
     * exchange); the token is valid once its row is written.
     */
    public NewFamily newFamily(String siteKey, String clientId, String scope) {
        String token = OpaqueTokens.generate();
        Instant now = now();
        return new NewFamily(token, new UserRowInsert("refresh_token", COLUMNS,
                values(token, UUID.randomUUID(), siteKey, clientId, scope, now), "user_id"));
    }

    /** Starts a new family (a new sign-in) and returns its first refresh token. */
    public String issue(String siteKey, UUID userId, String clientId, String scope) {
        return insert(UUID.randomUUID(), siteKey, userId, clientId, scope, now());
    }

    /** Starts the given new family (a sign-in whose code remembers it, to revoke on a code replay). */
    public String issue(UUID family, String siteKey, UUID userId, String clientId, String scope) {
        return insert(family, siteKey, userId, clientId, scope, now());
    }

    /** Revokes one sign-in's family, in the caller's transaction. */
    public void revokeFamily(UUID family) {
        em.createNativeQuery("update refresh_token set revoked_at = ?2 where family_id = ?1 and revoked_at is null")
                .setParameter(1, family).setParameter(2, Timestamp.from(now())).executeUpdate();
    }

    /** Revokes every refresh token of a client app (deleted, or its secret rotated), in the caller's transaction. */
    public void revokeClient(String siteKey, String clientId) {
        em.createNativeQuery("update refresh_token set revoked_at = ?3 where client_id = ?1 and site_key = ?2 "
                + "and revoked_at is null").setParameter(1, clientId).setParameter(2, siteKey)
                .setParameter(3, Timestamp.from(now())).executeUpdate();
    }

    /**
     * Uses a refresh token up and returns its successor. A token used a second time is a
     * replay (stolen, or a client bug): its whole family is revoked.
     *
     * @throws OAuthException invalid_grant when unknown, expired, revoked, replayed, another client's or
     *                        another site's, or when the sign-in is older than the family's max age
     */
    @Transactional(dontRollbackOn = OAuthException.class)
    public Grant rotate(String token, AuthenticatedClient client) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select family_id, site_key, user_id, client_id, scope, "
                        + "expires_at < ?2, used_at is not null, revoked_at is not null, family_started_at "
                        + "from refresh_token where token_hash = ?1 for update")
                .setParameter(1, OpaqueTokens.hash(token)).setParameter(2, Timestamp.from(now())).getResultList();
        if (rows.isEmpty()) {
            throw invalidGrant("The refresh token is unknown.");
        }
        Object[] row = rows.get(0);
        UUID family = (UUID) row[0];
        if (!client.clientId().equals(row[3]) || !java.util.Objects.equals(client.siteKey(), row[1])) {
            throw invalidGrant("The refresh token was issued to another client.");
        }
        if ((Boolean) row[6]) {
            revokeFamily(family);
            throw invalidGrant("The refresh token was already used; its sign-in is revoked. Sign in again.");
        }
        if ((Boolean) row[7]) {
            throw invalidGrant("The refresh token was revoked. Sign in again.");
        }
        Instant familyStart = Timestamps.instant(row[8]);
        if ((Boolean) row[5] || !now().isBefore(familyStart.plus(familyMaxAge))) {
            throw invalidGrant("The refresh token expired. Sign in again.");
        }
        em.createNativeQuery("update refresh_token set used_at = ?2 where token_hash = ?1")
                .setParameter(1, OpaqueTokens.hash(token)).setParameter(2, Timestamp.from(now())).executeUpdate();
        String siteKey = (String) row[1];
        UUID userId = (UUID) row[2];
        String scope = (String) row[4];
        return new Grant(siteKey, userId, client.clientId(), scope,
                insert(family, siteKey, userId, client.clientId(), scope, familyStart));
    }

    private String insert(UUID family, String siteKey, UUID userId, String clientId, String scope,
            Instant familyStart) {
        String token = OpaqueTokens.generate();
        List<Object> values = values(token, family, siteKey, clientId, scope, familyStart);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < values.size(); i++) {
                insert.setObject(i + 1, values.get(i));
            }
            insert.setObject(values.size() + 1, userId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a refresh token", e);
        }
        return token;
    }

    /** The values of {@link #COLUMNS}: the token is stored only as its hash; no token outlives its family. */
    private List<Object> values(String token, UUID family, String siteKey, String clientId, String scope,
            Instant familyStart) {
        Instant expires = now().plus(lifetime);
        Instant familyEnd = familyStart.plus(familyMaxAge);
        return List.of(OpaqueTokens.hash(token), family, siteKey, clientId, scope,
                Timestamp.from(expires.isBefore(familyEnd) ? expires : familyEnd), Timestamp.from(familyStart));
    }

    private Instant now() {
        return Timestamps.now(clock);
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }
}
