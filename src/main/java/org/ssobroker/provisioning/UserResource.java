package org.ssobroker.provisioning;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ssobroker.site.SiteAccess;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.ProblemException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** The site's users (read-only here: provisioning writes them). */
@Path("/api/sites/{site}/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final int MAX_LIMIT = 1000;

    private final SiteAccess access;
    private final EntityManager em;

    public UserResource(SiteAccess access, EntityManager em) {
        this.access = access;
        this.em = em;
    }

    /** Users ordered by login; {@code offset}/{@code limit} page through large sites. */
    @GET
    @Transactional
    public List<UserView> list(@PathParam("site") String site, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        access.requireSiteAdmin(site);
        SiteKeys.require(site);
        if (offset < 0) {
            throw ProblemException.badRequest("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return views(AppUser.find("siteKey = ?1 order by login", site).range(offset, offset + limit - 1).list());
    }

    @GET
    @Path("{id}")
    @Transactional
    public UserView get(@PathParam("site") String site, @PathParam("id") String id) {
        access.requireSiteAdmin(site);
        SiteKeys.require(site);
        AppUser user = parse(id) == null ? null : AppUser.findById(parse(id));
        if (user == null || !user.siteKey.equals(site)) {
            throw ProblemException.notFound("No user '" + id + "' in site '" + site + "'.");
        }
        return views(List.of(user)).get(0);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Loads groups and IdP links of a page of users in two queries, not two per user. */
    private List<UserView> views(List<AppUser> users) {
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
