package org.ssobroker.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.persistence.EntityManager;
import org.ssobroker.provisioning.UserService;
import org.ssobroker.provisioning.UserView;
import org.ssobroker.site.LoginUrlService;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.site.SiteService;
import org.ssobroker.site.SiteView;
import org.ssobroker.support.ProblemException;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the console reads about sites and their users to decide who gets in: a site, its login
 * pages, and whether a user's access right is one of the site's {@code consoleAccessRights}.
 */
@ApplicationScoped
public class ConsoleDirectory {

    private final SiteService sites;
    private final LoginUrlService loginUrls;
    private final UserService users;
    private final EntityManager em;

    public ConsoleDirectory(SiteService sites, LoginUrlService loginUrls, UserService users, EntityManager em) {
        this.sites = sites;
        this.loginUrls = loginUrls;
        this.users = users;
        this.em = em;
    }

    public record SiteInfo(String key, String name, List<String> consoleAccessRights) {
    }

    public record LoginPage(String name, String title) {
    }

    public record SiteUser(UUID id, String login, String accessRight) {
    }

    /** A site as the platform's site list shows it. */
    public record SiteRow(String key, String name, long idps, long users) {
    }

    /** How much a site holds, for its dashboard. */
    public record Counts(long idps, long users, long clientApps, long drafts, long loginUrls) {
    }

    public Optional<SiteInfo> site(String site) {
        if (!SiteKeys.valid(site)) {
            return Optional.empty();
        }
        try {
            SiteView view = sites.get(site);
            return Optional.of(new SiteInfo(view.key(), view.name(), view.consoleAccessRights()));
        } catch (ProblemException notFound) {
            return Optional.empty();
        }
    }

    public List<LoginPage> loginPages(String site) {
        return loginUrls.list(site).stream().map(l -> new LoginPage(l.name(), l.title())).toList();
    }

    public Optional<SiteUser> user(String site, UUID id) {
        try {
            UserView user = users.get(site, id.toString());
            return Optional.of(new SiteUser(id, user.login(), user.accessRight()));
        } catch (ProblemException notFound) {
            return Optional.empty();
        }
    }

    /** The sites with how many IdPs and users each holds: one query however many sites. */
    @Transactional
    public List<SiteRow> sites() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.site_key, s.name, "
                + "(select count(*) from identity_provider i where i.site_key = s.site_key), "
                + "(select count(*) from app_user u where u.site_key = s.site_key) from site s order by s.site_key")
                .getResultList();
        return rows.stream().map(r -> new SiteRow((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue())).toList();
    }

    @Transactional
    public Counts counts(String site) {
        Object[] row = (Object[]) em.createNativeQuery("select "
                        + "(select count(*) from identity_provider where site_key = ?1), "
                        + "(select count(*) from app_user where site_key = ?1), "
                        + "(select count(*) from client_app where site_key = ?1), "
                        + "(select count(*) from idp_draft where site_key = ?1), "
                        + "(select count(*) from login_url where site_key = ?1)")
                .setParameter(1, site).getSingleResult();
        return new Counts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue());
    }

    /** Whether the user (still) exists in the site and holds one of its console access rights. */
    public boolean mayUseConsole(String site, UUID userId) {
        Optional<SiteInfo> info = site(site);
        return info.isPresent() && user(site, userId)
                .map(u -> u.accessRight() != null && info.get().consoleAccessRights().contains(u.accessRight()))
                .orElse(false);
    }
}
