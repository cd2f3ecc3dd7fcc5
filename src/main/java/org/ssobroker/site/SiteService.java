package org.ssobroker.site;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.support.ChangeFeed;
import org.ssobroker.support.Changed;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.Saved;
import org.ssobroker.support.Timestamps;

import java.util.List;

/** Stores sites: creates, renames and deletes them, and announces the changes IdP snapshots depend on. */
@ApplicationScoped
public class SiteService {

    private final ChangeFeed feed;

    public SiteService(ChangeFeed feed) {
        this.feed = feed;
    }

    @Transactional
    public List<SiteView> list() {
        return Site.<Site>listAll(Sort.by("key")).stream().map(SiteView::of).toList();
    }

    @Transactional
    public SiteView get(String site) {
        return SiteView.of(SiteKeys.require(site));
    }

    /**
     * Creates the site or renames it. Only a platform admin may create one; the input is checked
     * before that, so a caller learns of a bad name either way.
     */
    @Transactional
    public Saved<SiteView> put(String site, SiteRequest body, boolean mayCreate) {
        if (!SiteKeys.valid(site)) {
            throw ProblemException.invalid("key", Identifier.SITE_KEY.rule());
        }
        String name = name(body);
        List<String> consoleAccessRights = consoleAccessRights(body);
        Site stored = Site.findById(site);
        if (stored == null) {
            if (!mayCreate) {
                throw ProblemException.forbidden("Only the platform admin client may create sites.");
            }
            stored = new Site();
            stored.key = site;
            stored.name = name;
            if (consoleAccessRights != null) {
                stored.consoleAccessRights = consoleAccessRights;
            }
            stored.createdAt = Timestamps.now();
            stored.updatedAt = stored.createdAt;
            stored.persist();
            return Saved.created(SiteView.of(stored));
        }
        if (consoleAccessRights != null && !consoleAccessRights.equals(stored.consoleAccessRights)) {
            // Read on every console request: no cache to tell.
            stored.consoleAccessRights = consoleAccessRights;
            stored.updatedAt = Timestamps.now();
        }
        if (!stored.name.equals(name)) {
            stored.name = name;
            stored.updatedAt = Timestamps.now();
            // IdP snapshots hold the name (${site.name} in welcome mails): every replica drops them.
            feed.record(Changed.site(site, Changed.Change.UPDATED));
        }
        return Saved.existing(SiteView.of(stored));
    }

    /** Deletes a site and everything in it: IdPs, users, client apps. */
    @Transactional
    public void delete(String site) {
        SiteKeys.require(site).delete();
        // Its IdPs, client apps (and so every token of them) go on every replica.
        feed.record(Changed.site(site, Changed.Change.DELETED));
    }

    /** Access-right names (the catalog may not hold them yet: a new site has none); null when not given. */
    private static List<String> consoleAccessRights(SiteRequest body) {
        if (body == null || body.consoleAccessRights() == null) {
            return null;
        }
        if (body.consoleAccessRights().size() > 100) {
            throw ProblemException.invalid("consoleAccessRights", "must name at most 100 access rights");
        }
        for (int i = 0; i < body.consoleAccessRights().size(); i++) {
            if (!Identifier.CATALOG_NAME.valid(body.consoleAccessRights().get(i))) {
                throw ProblemException.invalid("consoleAccessRights[" + i + "]", Identifier.CATALOG_NAME.rule());
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(body.consoleAccessRights()));
    }

    private static String name(SiteRequest body) {
        String name = body == null || body.name() == null ? null : body.name().trim();
        if (name == null || name.isEmpty()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (name.length() > 200) {
            throw ProblemException.invalid("name", "must be at most 200 characters");
        }
        if (ControlCharacters.anyIn(name)) {
            // ${site.name} goes into mail subjects: no line breaks.
            throw ProblemException.invalid("name", "must be one line without control characters");
        }
        return name;
    }
}
