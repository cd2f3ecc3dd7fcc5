package org.ssobroker.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.support.Timestamps;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time codes for a site's app after a browser login: single use, one minute, stored hashed,
 * bound to the redirect URI and to the request that asked ({@link CodeRequest}). A redeemed code
 * remembers the tokens issued with it, so that a replay revokes them (RFC 6749 section 4.1.2).
 */
@ApplicationScoped
public class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final EntityManager em;
    private final Clock clock;

    public AuthorizationCodes(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A code's row, locked for the redeeming transaction. */
    public record Bound(String codeHash, String siteKey, UUID userId, String redirectUri, CodeRequest request,
            Instant authTime, boolean used, boolean expired, UUID refreshFamily) {
    }

    @Transactional
    public String issue(String siteKey, UUID userId, String redirectUri) {
        return issue(siteKey, userId, redirectUri, null, null);
    }

    @Transactional
    public String issue(String siteKey, UUID userId, String redirectUri, CodeRequest request, Instant authTime) {
        String code = OpaqueTokens.generate();
        CodeRequest r = request == null ? new CodeRequest(null, false, null, null, null, null) : request;
        em.createNativeQuery("insert into authorization_code (code_hash, site_key, user_id, redirect_uri, expires_at, "
                        + "client_id, openid, scope, nonce, code_challenge, auth_time) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, OpaqueTokens.hash(code)).setParameter(2, siteKey).setParameter(3, userId)
                .setParameter(4, redirectUri).setParameter(5, Timestamp.from(now().plus(LIFETIME)))
                .setParameter(6, r.clientId()).setParameter(7, r.openId()).setParameter(8, r.scope())
                .setParameter(9, r.nonce()).setParameter(10, r.codeChallenge())
                .setParameter(11, authTime == null ? null : Timestamp.from(authTime))
                .executeUpdate();
        return code;
    }

    /** The code's row, locked until the caller's transaction ends; empty when unknown. */
    public Optional<Bound> lock(String code) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select code_hash, site_key, user_id, redirect_uri, client_id, "
                        + "openid, scope, nonce, code_challenge, auth_time, used_at is not null, expires_at <= ?2, "
                        + "refresh_family_id from authorization_code where code_hash = ?1 for update")
                .setParameter(1, OpaqueTokens.hash(code)).setParameter(2, Timestamp.from(now())).getResultList();
        return rows.stream().findFirst().map(row -> new Bound((String) row[0], (String) row[1], (UUID) row[2],
                (String) row[3], new CodeRequest((String) row[4], (Boolean) row[5], (String) row[6], null,
                (String) row[7], (String) row[8]), row[9] == null ? null : Timestamps.instant(row[9]),
                (Boolean) row[10], (Boolean) row[11], (UUID) row[12]));
    }

    /** Uses the code up and records what was issued with it. */
    public void redeemed(String codeHash, IssuedToken access, Instant accessExpiry, UUID refreshFamily) {
        em.createNativeQuery("update authorization_code set used_at = ?5, access_token_jti = ?2, "
                        + "access_token_exp = ?3, refresh_family_id = ?4 where code_hash = ?1")
                .setParameter(1, codeHash).setParameter(2, access.jti())
                .setParameter(3, Timestamp.from(accessExpiry)).setParameter(4, refreshFamily)
                .setParameter(5, Timestamp.from(now()))
                .executeUpdate();
    }

    /** Uses a code up that was redeemed for no token (a built-in app's, e.g. the console's sign-in). */
    public void usedUp(String codeHash) {
        em.createNativeQuery("update authorization_code set used_at = ?2 where code_hash = ?1")
                .setParameter(1, codeHash).setParameter(2, Timestamp.from(now())).executeUpdate();
    }

    /** A replayed code: the access token issued with it stops working at userinfo. */
    public void revoke(String codeHash) {
        em.createNativeQuery("update authorization_code set revoked_at = ?2 where code_hash = ?1 "
                + "and revoked_at is null").setParameter(1, codeHash).setParameter(2, Timestamp.from(now()))
                .executeUpdate();
    }

    /** Whether an access token was issued with a code that was later replayed. */
    @Transactional
    public boolean accessTokenRevoked(String jti) {
        return !em.createNativeQuery("select 1 from authorization_code where access_token_jti = ?1 "
                + "and revoked_at is not null").setParameter(1, jti).getResultList().isEmpty();
    }

    private Instant now() {
        return Timestamps.now(clock);
    }
}
