package org.ssobroker.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** Users as the APIs answer them, with their groups and IdP links. */
@ApplicationScoped
public class UserViews {

    private final EntityManager em;

    public UserViews(EntityManager em) {
        this.em = em;
    }

    /** Loads groups and IdP links of a page of users in two queries, not two per user. */
    public List<UserView> of(List<AppUser> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        Collection<UUID> ids = users.stream().map(u -> u.id).toList();
        Map<UUID, TreeSet<String>> groups = new HashMap<>();
        em.createQuery("select m.userId, m.groupName from UserGroupMembership m where m.userId in ?1", Object[].class)
                .setParameter(1, ids).getResultList()
                .forEach(row -> groups.computeIfAbsent((UUID) row[0], k -> new TreeSet<>()).add((String) row[1]));
        Map<UUID, List<UserView.IdpLinkView>> links = new HashMap<>();
        em.createQuery("select l.userId, i.nameId, l.externalUserId from UserIdpLink l, IdentityProvider i "
                        + "where i.id = l.idpId and l.userId in ?1 order by i.nameId", Object[].class)
                .setParameter(1, ids).getResultList()
                .forEach(row -> links.computeIfAbsent((UUID) row[0], k -> new ArrayList<>())
                        .add(new UserView.IdpLinkView((String) row[1], (String) row[2])));
        return users.stream().map(u -> new UserView(u.id.toString(), u.login, u.email, u.name, u.firstName,
                u.lastName, u.accessRight, List.copyOf(groups.getOrDefault(u.id, new TreeSet<>())),
                u.attributes == null ? Map.of() : u.attributes, links.getOrDefault(u.id, List.of()),
                u.createdAt, u.lastLoginAt)).toList();
    }
}
