package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.support.Timestamps;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One-time codes for a site's app after a browser login: single use, one minute, stored hashed. */
@ApplicationScoped
public class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final EntityManager em;

    public AuthorizationCodes(EntityManager em) {
        this.em = em;
    }

    public record Redeemed(String siteKey, UUID userId) {
    }

    @Transactional
    public String issue(String siteKey, UUID userId, String redirectUri) {
        String code = OpaqueTokens.generate();
        em.createNativeQuery("insert into authorization_code (code_hash, site_key, user_id, redirect_uri, expires_at) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, OpaqueTokens.hash(code)).setParameter(2, siteKey).setParameter(3, userId)
                .setParameter(4, redirectUri).setParameter(5, Timestamp.from(Timestamps.now().plus(LIFETIME)))
                .executeUpdate();
        return code;
    }

    /** Uses the code up; empty when unknown, used, expired or issued for another redirect URI. */
    @Transactional
    public Optional<Redeemed> redeem(String code, String redirectUri) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("update authorization_code set used_at = now() "
                        + "where code_hash = ?1 and used_at is null and expires_at > now() and redirect_uri = ?2 "
                        + "returning site_key, user_id")
                .setParameter(1, OpaqueTokens.hash(code)).setParameter(2, redirectUri)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Redeemed((String) row[0], (UUID) row[1]));
    }
}
