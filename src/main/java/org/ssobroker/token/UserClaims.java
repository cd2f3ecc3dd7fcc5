package org.ssobroker.token;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.ssobroker.provisioning.AppUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A site user's OpenID Connect claims, filtered by scope: always {@code sub}; {@code profile}:
 * name, given_name, family_name, preferred_username; {@code email}: email, email_verified;
 * {@code groups}: access_right and groups. The broker stores an email only when the IdP
 * verified it (or the admin chose to trust the IdP's unverified emails), so a stored email is
 * answered as verified.
 */
@ApplicationScoped
public class UserClaims {

    private final EntityManager em;

    public UserClaims(EntityManager em) {
        this.em = em;
    }

    /** Empty when the user no longer exists in this site. */
    public Optional<Map<String, Object>> of(String siteKey, UUID userId, Set<String> scopes) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            AppUser user = em.find(AppUser.class, userId);
            if (user == null || !user.siteKey.equals(siteKey)) {
                return Optional.empty();
            }
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", user.id.toString());
            if (scopes.contains(OpenIdScopes.PROFILE)) {
                putIfSet(claims, "name", user.name);
                putIfSet(claims, "given_name", user.firstName);
                putIfSet(claims, "family_name", user.lastName);
                putIfSet(claims, "preferred_username", user.login);
            }
            if (scopes.contains(OpenIdScopes.EMAIL) && user.email != null) {
                claims.put("email", user.email);
                claims.put("email_verified", true);
            }
            if (scopes.contains(OpenIdScopes.GROUPS)) {
                putIfSet(claims, "access_right", user.accessRight);
                List<String> groups = em.createQuery("select distinct m.groupName from UserGroupMembership m "
                        + "where m.userId = ?1 order by m.groupName", String.class).setParameter(1, userId)
                        .getResultList();
                claims.put("groups", groups);
            }
            return Optional.of(claims);
        });
    }

    private static void putIfSet(Map<String, Object> claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.put(name, value);
        }
    }
}
