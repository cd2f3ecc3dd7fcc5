package org.ssobroker.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.ssobroker.site.GroupCreated;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.LikePatterns;
import org.ssobroker.support.ProblemException;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A site's users as the APIs read them; provisioning writes them. */
@ApplicationScoped
public class UserService {

    private static final int MAX_LIMIT = 1000;

    private final UserViews views;
    private final EntityManager em;

    public UserService(UserViews views, EntityManager em) {
        this.views = views;
        this.em = em;
    }

    /** Users ordered by login; {@code offset}/{@code limit} page through large sites. */
    @Transactional
    public List<UserView> list(String site, int offset, int limit) {
        SiteKeys.require(site);
        if (offset < 0) {
            throw ProblemException.badRequest("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if ((long) offset + limit - 1 > Integer.MAX_VALUE) {
            // The last row index must fit an int: offset 2147483647 with limit 2 would wrap around.
            throw ProblemException.badRequest("offset", "offset + limit must be at most " + Integer.MAX_VALUE);
        }
        return views.of(AppUser.find("siteKey = ?1 order by login", site).range(offset, offset + limit - 1).list());
    }

    /** A page of users whose login, email or name contains {@code search} (ignoring case), and how many match. */
    public record UserPage(List<UserView> users, long total, int offset, int limit) {

        public boolean hasPrevious() {
            return offset > 0;
        }

        public boolean hasNext() {
            return offset + users.size() < total;
        }
    }

    /** The console's user search: one counting and one paged query, ordered by login. */
    @Transactional
    public UserPage search(String site, String search, int offset, int limit) {
        SiteKeys.require(site);
        String pattern = LikePatterns.containing(search);
        String where = "siteKey = ?1 and (lower(login) like ?2 " + LikePatterns.ESCAPE + " or lower(coalesce(email, '')) "
                + "like ?2 " + LikePatterns.ESCAPE + " or lower(coalesce(name, '')) like ?2 " + LikePatterns.ESCAPE + ")";
        long total = AppUser.count(where, site, pattern);
        List<UserView> users = views.of(AppUser.find(where + " order by login", site, pattern)
                .range(offset, offset + limit - 1).list());
        return new UserPage(users, total, offset, limit);
    }

    @Transactional
    public UserView get(String site, String id) {
        SiteKeys.require(site);
        return find(site, parse(id))
                .orElseThrow(() -> ProblemException.notFound("No user '" + id + "' in site '" + site + "'."));
    }

    /** The user a {@code site_{site}_internalApi} token was issued for (its subject). */
    @Transactional
    public UserView me(String site, String subject) {
        UUID id = parse(subject);
        if (id == null) {
            throw OAuthException.invalidToken("The access token is not a user's.");
        }
        return find(site, id)
                .orElseThrow(() -> OAuthException.invalidToken("The user of this access token no longer exists."));
    }

    /**
     * Removes one IdP link of a user, so an admin can relink on purpose: the next login through
     * that IdP with the same external id creates a new link (or a new user, if the login is free).
     */
    @Transactional
    public void unlink(String site, String id, String nameId) {
        SiteKeys.require(site);
        UUID userId = parse(id);
        int removed = userId == null ? 0 : em.createNativeQuery("delete from user_idp_link l using identity_provider i, "
                        + "app_user u where l.idp_id = i.id and l.user_id = u.id and u.site_key = ?1 and i.site_key = ?1 "
                        + "and i.name_id = ?2 and l.user_id = ?3")
                .setParameter(1, site).setParameter(2, nameId).setParameter(3, userId).executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("User '" + id + "' of site '" + site + "' has no link to IdP '" + nameId
                    + "'.");
        }
    }

    /**
     * A new catalog group may hold a membership the site's users' last logins skipped as unknown:
     * their identity digests are forgotten so that each one's next login writes again
     * ({@link ProvisioningRule#UNCHANGED_RESYNC_WRITES_NOTHING}). Same transaction as the group.
     */
    void forgetIdentityDigests(@Observes GroupCreated created) {
        em.createNativeQuery("update app_user set identity_digest = null where site_key = ?1 and identity_digest "
                + "is not null").setParameter(1, created.siteKey()).executeUpdate();
    }

    private Optional<UserView> find(String site, UUID id) {
        AppUser user = id == null ? null : AppUser.findById(id);
        if (user == null || !user.siteKey.equals(site)) {
            return Optional.empty();
        }
        return Optional.of(views.of(List.of(user)).get(0));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
