package org.ssobroker.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.Saved;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A site's catalogs (access rights, groups): the names mappings may target. */
@ApplicationScoped
public class CatalogService {

    private final SiteCatalog catalog;
    private final CatalogReferences references;
    private final Event<GroupCreated> groupCreated;

    public CatalogService(SiteCatalog catalog, CatalogReferences references, Event<GroupCreated> groupCreated) {
        this.groupCreated = groupCreated;
        this.catalog = catalog;
        this.references = references;
    }

    @Transactional
    public List<CatalogEntryView> list(String site, CatalogKind kind) {
        SiteKeys.require(site);
        return catalog.list(site, kind).stream().map(CatalogEntryView::of).toList();
    }

    @Transactional
    public CatalogEntryView get(String site, CatalogKind kind, String name) {
        SiteKeys.require(site);
        return CatalogEntryView.of(require(site, kind, name));
    }

    /** Creates the entry, or sets its description. */
    @Transactional
    public Saved<CatalogEntryView> put(String site, CatalogKind kind, String name, DescriptionRequest body) {
        SiteKeys.require(site);
        checkName(kind, name);
        String description = body == null || body.description() == null || body.description().isBlank()
                ? null : body.description().trim();
        if (description != null && description.length() > 500) {
            throw ProblemException.invalid("description", "must be at most 500 characters");
        }
        Optional<CatalogEntry> existing = catalog.find(site, kind, name);
        if (existing.isEmpty()) {
            CatalogEntry created = catalog.create(site, kind, name, description);
            if (kind == CatalogKind.GROUPS) {
                groupCreated.fire(new GroupCreated(site, name));
            }
            return Saved.created(CatalogEntryView.of(created));
        }
        CatalogEntry entry = existing.get();
        if (!Objects.equals(entry.description, description)) {
            entry.description = description;
        }
        return Saved.existing(CatalogEntryView.of(entry));
    }

    /** Refused (409) while an IdP's mapping targets the entry. */
    @Transactional
    public void delete(String site, CatalogKind kind, String name) {
        SiteKeys.require(site);
        CatalogEntry entry = require(site, kind, name);
        List<String> users = references.idpsUsing(site, kind, name);
        if (!users.isEmpty()) {
            throw ProblemException.conflict("The " + kind.label + " '" + name + "' is used by IdP(s) "
                    + String.join(", ", users) + "; change their mappings first.");
        }
        entry.delete();
    }

    private CatalogEntry require(String site, CatalogKind kind, String name) {
        return catalog.find(site, kind, name)
                .orElseThrow(() -> ProblemException.notFound("No " + kind.label + " '" + name + "'."));
    }

    /** Names are mapping targets; a group name cannot hold a comma (commas separate groups). */
    private static void checkName(CatalogKind kind, String name) {
        if (!Identifier.CATALOG_NAME.valid(name)) {
            throw ProblemException.invalid("name", Identifier.CATALOG_NAME.rule());
        }
        if (kind == CatalogKind.GROUPS && name.contains(",")) {
            throw ProblemException.invalid("name", "must not contain a comma: commas separate groups in mappings");
        }
    }
}
