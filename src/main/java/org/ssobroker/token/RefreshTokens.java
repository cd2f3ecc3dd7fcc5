package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.provisioning.UserRowInsert;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.Timestamps;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Opaque refresh tokens (256 bits), stored only as hashes, one family per login. Issuing is one
 * insert on a plain connection: its own transaction when called alone (a token exchange: one
 * round trip, no JTA work), the caller's when one is active (a rotation).
 */
@ApplicationScoped
public class RefreshTokens {

    /** The columns of a new token, but its user's id (see {@link #newFamily}). */
    private static final List<String> COLUMNS = List.of("token_hash", "family_id", "site_key", "client_id", "scope",
            "expires_at");
    private static final String INSERT = "insert into refresh_token (" + String.join(", ", COLUMNS)
            + ", user_id) values (" + "?, ".repeat(COLUMNS.size()) + "?)";

    private final EntityManager em;
    private final DataSource dataSource;
    private final Duration lifetime;

    public RefreshTokens(EntityManager em, DataSource dataSource, BrokerConfig config) {
        this.em = em;
        this.dataSource = dataSource;
        this.lifetime = config.token().refreshTokenLifetime();
    }

    /** The grant a refresh token stands for. */
    public record Grant(String siteKey, UUID userId, String clientId, String scope, String refreshToken) {
    }

    /** A new family's first token, and its row, to be written with the user it is for. */
    public record NewFamily(String refreshToken, UserRowInsert row) {
    }

    /**
     * Starts a new family (a new login) for a user provisioned in the same statement (a token
     * exchange); the token is valid once its row is written.
     */
    public NewFamily newFamily(String siteKey, String clientId, String scope) {
        String token = OpaqueTokens.generate();
        return new NewFamily(token, new UserRowInsert("refresh_token", COLUMNS,
                values(token, UUID.randomUUID(), siteKey, clientId, scope), "user_id"));
    }

    /** Starts a new family (a new login) and returns its first refresh token. */
    public String issue(String siteKey, UUID userId, String clientId, String scope) {
        return insert(UUID.randomUUID(), siteKey, userId, clientId, scope);
    }

    /**
     * Uses a refresh token up and returns its successor. A token used a second time is a
     * replay (stolen, or a client bug): its whole family is revoked.
     *
     * @throws OAuthException invalid_grant when unknown, expired, revoked, replayed or another client's
     */
    @Transactional(dontRollbackOn = OAuthException.class)
    public Grant rotate(String token, String clientId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select family_id, site_key, user_id, client_id, scope, "
                        + "expires_at < now(), used_at is not null, revoked_at is not null "
                        + "from refresh_token where token_hash = ?1 for update")
                .setParameter(1, OpaqueTokens.hash(token)).getResultList();
        if (rows.isEmpty()) {
            throw invalidGrant("The refresh token is unknown.");
        }
        Object[] row = rows.get(0);
        UUID family = (UUID) row[0];
        if (!clientId.equals(row[3])) {
            throw invalidGrant("The refresh token was issued to another client.");
        }
        if ((Boolean) row[6]) {
            em.createNativeQuery("update refresh_token set revoked_at = now() where family_id = ?1 "
                    + "and revoked_at is null").setParameter(1, family).executeUpdate();
            throw invalidGrant("The refresh token was already used; its sign-in is revoked. Sign in again.");
        }
        if ((Boolean) row[7]) {
            throw invalidGrant("The refresh token was revoked. Sign in again.");
        }
        if ((Boolean) row[5]) {
            throw invalidGrant("The refresh token expired. Sign in again.");
        }
        em.createNativeQuery("update refresh_token set used_at = now() where token_hash = ?1")
                .setParameter(1, OpaqueTokens.hash(token)).executeUpdate();
        String siteKey = (String) row[1];
        UUID userId = (UUID) row[2];
        String scope = (String) row[4];
        return new Grant(siteKey, userId, clientId, scope, insert(family, siteKey, userId, clientId, scope));
    }

    private String insert(UUID family, String siteKey, UUID userId, String clientId, String scope) {
        String token = OpaqueTokens.generate();
        List<Object> values = values(token, family, siteKey, clientId, scope);
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

    /** The values of {@link #COLUMNS}: the token is stored only as its hash. */
    private List<Object> values(String token, UUID family, String siteKey, String clientId, String scope) {
        return List.of(OpaqueTokens.hash(token), family, siteKey, clientId, scope,
                Timestamp.from(Timestamps.now().plus(lifetime)));
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }
}
