package org.ssobroker.site;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and writes a site's catalogs of access rights and user groups. */
@ApplicationScoped
public class SiteCatalog {

    public Set<String> names(String siteKey, CatalogKind kind) {
        List<String> names = Panache.getEntityManager()
                .createQuery("select e.name from " + kind.entity + " e where e.siteKey = ?1 order by e.name",
                        String.class)
                .setParameter(1, siteKey)
                .getResultList();
        return new LinkedHashSet<>(names);
    }

    public List<CatalogEntry> list(String siteKey, CatalogKind kind) {
        return Panache.getEntityManager()
                .createQuery("from " + kind.entity + " e where e.siteKey = ?1 order by e.name", CatalogEntry.class)
                .setParameter(1, siteKey)
                .getResultList();
    }

    public Optional<CatalogEntry> find(String siteKey, CatalogKind kind, String name) {
        return Panache.getEntityManager()
                .createQuery("from " + kind.entity + " e where e.siteKey = ?1 and e.name = ?2", CatalogEntry.class)
                .setParameter(1, siteKey)
                .setParameter(2, name)
                .getResultStream()
                .findFirst();
    }

    public CatalogEntry create(String siteKey, CatalogKind kind, String name, String description) {
        CatalogEntry entry = kind.factory.get();
        entry.siteKey = siteKey;
        entry.name = name;
        entry.description = description;
        entry.persist();
        return entry;
    }
}
