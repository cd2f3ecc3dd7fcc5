package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.support.Timestamps;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;

/** Opaque refresh tokens (256 bits), stored only as hashes, one family per login. */
@ApplicationScoped
public class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(30);

    private final EntityManager em;

    public RefreshTokens(EntityManager em) {
        this.em = em;
    }

    /** Starts a new family (a new login) and returns its first refresh token. */
    @Transactional
    public String issue(String siteKey, UUID userId, String clientId, String scope) {
        String token = OpaqueTokens.generate();
        em.createNativeQuery("insert into refresh_token (token_hash, family_id, site_key, user_id, client_id, scope, "
                        + "expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, OpaqueTokens.hash(token)).setParameter(2, UUID.randomUUID())
                .setParameter(3, siteKey).setParameter(4, userId).setParameter(5, clientId).setParameter(6, scope)
                .setParameter(7, Timestamp.from(Timestamps.now().plus(LIFETIME)))
                .executeUpdate();
        return token;
    }
}
