package org.ssobroker.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.idp.IdentityProvider;
import org.ssobroker.mapping.EmailDomains;
import org.ssobroker.site.LoginUrl;
import org.ssobroker.site.Site;
import org.ssobroker.site.SiteKeys;

import java.util.List;
import java.util.Optional;

/** Reads a site's login pages. */
@ApplicationScoped
public class LoginPageService {

    /** The page of a login URL, or empty when the site or its login URL does not exist. */
    @Transactional
    public Optional<LoginPage> find(String site, String loginUrlName) {
        Site found = SiteKeys.valid(site) ? Site.findById(site) : null;
        LoginUrl loginUrl = found == null ? null : LoginUrl.find(site, loginUrlName).orElse(null);
        if (loginUrl == null) {
            return Optional.empty();
        }
        List<LoginPage.Option> idps = IdentityProvider.<IdentityProvider>list("loginUrlId = ?1 order by displayName",
                        loginUrl.id).stream()
                .map(idp -> new LoginPage.Option(idp.nameId, idp.displayName, idp.hideLoginButton,
                        idp.emailDomains))
                .toList();
        return Optional.of(new LoginPage(found.key, found.name, loginUrl.name, loginUrl.title, idps));
    }

    /** Whether the site has a sign-in method of this nameId. */
    @Transactional
    public boolean hasIdp(String site, String nameId) {
        return IdentityProvider.find(site, nameId).isPresent();
    }

    /** The site's first login URL (by creation), where a sign-in without a hint starts. */
    @Transactional
    public Optional<String> firstLoginUrl(String site) {
        return LoginUrl.<LoginUrl>list("siteKey = ?1 order by id", site).stream().findFirst().map(url -> url.name);
    }

    /** The first sign-in method of the site (by nameId) whose email domains accept the address. */
    @Transactional
    public Optional<String> idpForEmail(String site, String address) {
        return IdentityProvider.<IdentityProvider>list("siteKey = ?1 order by nameId", site).stream()
                .filter(idp -> !idp.emailDomains.isEmpty() && EmailDomains.allowed(idp.emailDomains, address))
                .map(idp -> idp.nameId)
                .findFirst();
    }
}
