package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.Timestamps;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Opaque refresh tokens (256 bits), stored only as hashes, one family per login. */
@ApplicationScoped
public class RefreshTokens {

    private final EntityManager em;
    private final Duration lifetime;

    public RefreshTokens(EntityManager em, BrokerConfig config) {
        this.em = em;
        this.lifetime = config.token().refreshTokenLifetime();
    }

    /** The grant a refresh token stands for. */
    public record Grant(String siteKey, UUID userId, String clientId, String scope, String refreshToken) {
    }

    /** Starts a new family (a new login) and returns its first refresh token. */
    @Transactional
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
        em.createNativeQuery("insert into refresh_token (token_hash, family_id, site_key, user_id, client_id, scope, "
                        + "expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, OpaqueTokens.hash(token)).setParameter(2, family)
                .setParameter(3, siteKey).setParameter(4, userId).setParameter(5, clientId).setParameter(6, scope)
                .setParameter(7, Timestamp.from(Timestamps.now().plus(lifetime)))
                .executeUpdate();
        return token;
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }
}
