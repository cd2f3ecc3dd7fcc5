package org.ssobroker.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ssobroker.mapping.LoginRefusedException;
import org.ssobroker.mapping.MappedIdentity;
import org.ssobroker.support.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Just-in-time provisioning, shared by the browser login and the token exchange: the first
 * login creates the user and links it to the IdP by external user id; every login re-syncs
 * profile, access right, attributes and the groups the IdP gives (replacing the ones it gave
 * last time; default and admin-set groups stay). One transaction per login.
 */
@ApplicationScoped
public class UserProvisioner {

    private final EntityManager em;

    public UserProvisioner(EntityManager em) {
        this.em = em;
    }

    /**
     * @param firstLoginMessage whether the IdP shows a first-login message (a new user then
     *                          has it pending until its first browser visit)
     */
    @Transactional
    public ProvisionedUser provision(String siteKey, long idpId, MappedIdentity identity, boolean firstLoginMessage) {
        // Serialize logins of one external user: concurrent first logins create one user.
        em.createNativeQuery("select pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, (int) idpId)
                .setParameter(2, identity.externalUserId().hashCode())
                .getSingleResult();
        Instant now = Timestamps.now();
        Optional<AppUser> linked = linkedUser(idpId, identity.externalUserId());
        boolean created = linked.isEmpty();
        AppUser user = linked.orElseGet(() -> create(siteKey, idpId, identity, firstLoginMessage, now));
        sync(user, identity, now);
        syncGroups(user, created, identity.idpGroups(), identity.defaultGroups());
        return new ProvisionedUser(user.id, user.login, user.email, user.name, created, user.firstLoginPending);
    }

    /** Marks the first-login message as shown; true only for the one call that did it. */
    @Transactional
    public boolean takeFirstLoginMessage(UUID userId) {
        return em.createQuery("update AppUser u set u.firstLoginPending = false "
                        + "where u.id = ?1 and u.firstLoginPending = true")
                .setParameter(1, userId).executeUpdate() == 1;
    }

    private Optional<AppUser> linkedUser(long idpId, String externalUserId) {
        return em.createQuery("select u from AppUser u, UserIdpLink l where l.userId = u.id and l.idpId = ?1 "
                        + "and l.externalUserId = ?2", AppUser.class)
                .setParameter(1, idpId).setParameter(2, externalUserId)
                .getResultStream().findFirst();
    }

    private AppUser create(String siteKey, long idpId, MappedIdentity identity, boolean firstLoginMessage,
            Instant now) {
        boolean loginTaken = !em.createQuery("select u.id from AppUser u where u.siteKey = ?1 and u.login = ?2")
                .setParameter(1, siteKey).setParameter(2, identity.login()).getResultList().isEmpty();
        if (loginTaken) {
            // Linking to an existing account on a matching login alone would let one IdP take over
            // an account another IdP owns.
            throw new LoginRefusedException("A user with the login '" + identity.login() + "' already exists in this "
                    + "site through another sign-in method. Ask an administrator to link the accounts.");
        }
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.siteKey = siteKey;
        user.createdAt = now;
        user.firstLoginPending = firstLoginMessage;
        user.attributes = new LinkedHashMap<>();
        user.login = identity.login();
        em.persist(user);
        UserIdpLink link = new UserIdpLink();
        link.userId = user.id;
        link.idpId = idpId;
        link.externalUserId = identity.externalUserId();
        link.linkedAt = now;
        em.persist(link);
        return user;
    }

    private static void sync(AppUser user, MappedIdentity identity, Instant now) {
        user.login = identity.login();
        user.email = identity.email();
        user.name = identity.name();
        user.firstName = identity.firstName();
        user.lastName = identity.lastName();
        user.accessRight = identity.accessRight();
        user.portalPage = identity.portalPage();
        user.skin = identity.skin();
        user.dashboardTheme = identity.dashboardTheme();
        user.language = identity.language();
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes == null ? Map.of() : user.attributes);
        attributes.putAll(identity.attributes());
        user.attributes = attributes;
        user.lastLoginAt = now;
    }

    /**
     * The IdP's groups replace those it gave last time; default groups are added; admin-set
     * groups stay. Only the difference is written: one read (none for a new user), at most one
     * delete and one insert. Groups no longer in the site's catalog are skipped.
     */
    private void syncGroups(AppUser user, boolean created, Set<String> idpGroups, Set<String> defaultGroups) {
        em.flush();
        List<String> currentIdp = new ArrayList<>();
        List<String> currentDefault = new ArrayList<>();
        if (!created) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select group_name, source from user_group_membership "
                    + "where user_id = ?1 and source in ('IDP', 'DEFAULT')").setParameter(1, user.id).getResultList();
            rows.forEach(row -> (GroupSource.IDP.name().equals(row[1]) ? currentIdp : currentDefault)
                    .add((String) row[0]));
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
            em.createNativeQuery("delete from user_group_membership where user_id = ?1 and source = 'IDP' "
                            + "and group_name = any(?2)")
                    .setParameter(1, user.id).setParameter(2, stale.toArray(String[]::new))
                    .executeUpdate();
        }
        if (!names.isEmpty()) {
            em.createNativeQuery("insert into user_group_membership (user_id, site_key, group_name, source) "
                            + "select ?1, g.site_key, g.name, m.source from unnest(?3, ?4) as m(name, source) "
                            + "join user_group g on g.site_key = ?2 and g.name = m.name on conflict do nothing")
                    .setParameter(1, user.id).setParameter(2, user.siteKey)
                    .setParameter(3, names.toArray(String[]::new)).setParameter(4, sources.toArray(String[]::new))
                    .executeUpdate();
        }
    }
}
