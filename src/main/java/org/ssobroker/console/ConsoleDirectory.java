package org.ssobroker.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.provisioning.AppUser;
import org.ssobroker.site.LoginUrl;
import org.ssobroker.site.Site;
import org.ssobroker.site.SiteKeys;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the console reads about sites and their users to decide who gets in: a site, its login
 * pages, and whether a user's access right is one of the site's {@code consoleAccessRights}.
 */
@ApplicationScoped
public class ConsoleDirectory {

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

    @Transactional
    public Optional<SiteInfo> site(String site) {
        if (!SiteKeys.valid(site)) {
            return Optional.empty();
        }
        Site found = Site.findById(site);
        return Optional.ofNullable(found).map(s -> new SiteInfo(s.key, s.name,
                s.consoleAccessRights == null ? Site.DEFAULT_CONSOLE_ACCESS_RIGHTS : s.consoleAccessRights));
    }

    @Transactional
    public List<LoginPage> loginPages(String site) {
        return LoginUrl.<LoginUrl>list("siteKey = ?1 order by id", site).stream()
                .map(l -> new LoginPage(l.name, l.title)).toList();
    }

    @Transactional
    public Optional<SiteUser> user(String site, UUID id) {
        AppUser user = AppUser.findById(id);
        return user == null || !user.siteKey.equals(site) ? Optional.empty()
                : Optional.of(new SiteUser(user.id, user.login, user.accessRight));
    }

    @Transactional
    public List<SiteRow> sites() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Site.getEntityManager().createNativeQuery("select s.site_key, s.name, "
                + "(select count(*) from identity_provider i where i.site_key = s.site_key), "
                + "(select count(*) from app_user u where u.site_key = s.site_key) from site s order by s.site_key")
                .getResultList();
        return rows.stream().map(r -> new SiteRow((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue())).toList();
    }

    @Transactional
    public Counts counts(String site) {
        Object[] row = (Object[]) Site.getEntityManager().createNativeQuery("select "
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
    @Transactional
    public boolean mayUseConsole(String site, UUID userId) {
        Optional<SiteInfo> info = site(site);
        return info.isPresent() && user(site, userId)
                .map(u -> u.accessRight() != null && info.get().consoleAccessRights().contains(u.accessRight()))
                .orElse(false);
    }
}
