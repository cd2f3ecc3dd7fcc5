package org.ssobroker.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.support.Saved;

import java.util.List;
import java.util.Optional;

/** A site's login URLs: the pages that list the IdPs linked to them. */
@ApplicationScoped
public class LoginUrlService {

    private final CatalogReferences references;
    private final PublicUrls urls;

    public LoginUrlService(CatalogReferences references, PublicUrls urls) {
        this.references = references;
        this.urls = urls;
    }

    @Transactional
    public List<LoginUrlView> list(String site) {
        SiteKeys.require(site);
        return LoginUrl.<LoginUrl>list("siteKey = ?1 order by name", site).stream().map(this::view).toList();
    }

    @Transactional
    public LoginUrlView get(String site, String name) {
        SiteKeys.require(site);
        return view(require(site, name));
    }

    /** Creates the login URL, or sets its title. */
    @Transactional
    public Saved<LoginUrlView> put(String site, String name, LoginUrlRequest body) {
        SiteKeys.require(site);
        if (!Identifier.LOGIN_URL_NAME.valid(name)) {
            throw ProblemException.invalid("name", Identifier.LOGIN_URL_NAME.rule());
        }
        String title = body == null || body.title() == null ? "" : body.title().trim();
        if (title.isEmpty() || title.length() > 200) {
            throw ProblemException.invalid("title", title.isEmpty() ? "is required" : "must be at most 200 characters");
        }
        if (ControlCharacters.anyIn(title)) {
            throw ProblemException.invalid("title", "must be one line without control characters");
        }
        Optional<LoginUrl> existing = LoginUrl.find(site, name);
        if (existing.isPresent()) {
            existing.get().title = title;
            return Saved.existing(view(existing.get()));
        }
        LoginUrl loginUrl = new LoginUrl();
        loginUrl.siteKey = site;
        loginUrl.name = name;
        loginUrl.title = title;
        loginUrl.persist();
        return Saved.created(view(loginUrl));
    }

    /** Refused (409) while an IdP is linked to it. */
    @Transactional
    public void delete(String site, String name) {
        SiteKeys.require(site);
        LoginUrl loginUrl = require(site, name);
        List<String> linked = references.idpsLinkedTo(site, name);
        if (!linked.isEmpty()) {
            throw ProblemException.conflict("The login URL '" + name + "' is used by IdP(s) "
                    + String.join(", ", linked) + "; link them to another login URL first.");
        }
        loginUrl.delete();
    }

    private static LoginUrl require(String site, String name) {
        return LoginUrl.find(site, name)
                .orElseThrow(() -> ProblemException.notFound("No login URL '" + name + "'."));
    }

    private LoginUrlView view(LoginUrl loginUrl) {
        return new LoginUrlView(loginUrl.name, loginUrl.title,
                urls.base() + "/site/" + loginUrl.siteKey + "/login/" + loginUrl.name);
    }
}
