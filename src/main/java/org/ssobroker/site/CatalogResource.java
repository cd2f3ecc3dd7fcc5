package org.ssobroker.site;

import io.quarkus.security.PermissionsAllowed;
import org.ssobroker.security.Permissions;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.ProblemException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The site's catalogs: {@code /api/sites/{site}/access-rights} and {@code /groups}. */
@Path("/api/sites/{site}/{catalog: access-rights|groups}")
@PermissionsAllowed(Permissions.MANAGE_SITE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final SiteCatalog catalog;
    private final CatalogReferences references;

    public CatalogResource(SiteCatalog catalog, CatalogReferences references) {
        this.catalog = catalog;
        this.references = references;
    }

    @GET
    @Transactional
    public List<CatalogEntryView> list(@PathParam("site") String site, @PathParam("catalog") String path) {
        SiteKeys.require(site);
        return catalog.list(site, CatalogKind.ofPath(path)).stream().map(CatalogEntryView::of).toList();
    }

    @GET
    @Path("{name}")
    @Transactional
    public CatalogEntryView get(@PathParam("site") String site, @PathParam("catalog") String path,
            @PathParam("name") String name) {
        SiteKeys.require(site);
        CatalogKind kind = CatalogKind.ofPath(path);
        return catalog.find(site, kind, name).map(CatalogEntryView::of)
                .orElseThrow(() -> ProblemException.notFound("No " + kind.label + " '" + name + "'."));
    }

    @PUT
    @Path("{name}")
    @Transactional
    public Response put(@PathParam("site") String site, @PathParam("catalog") String path,
            @PathParam("name") String name, DescriptionRequest body) {
        SiteKeys.require(site);
        CatalogKind kind = CatalogKind.ofPath(path);
        checkName(kind, name);
        String description = body == null || body.description() == null || body.description().isBlank()
                ? null : body.description().trim();
        if (description != null && description.length() > 500) {
            throw ProblemException.invalid("description", "must be at most 500 characters");
        }
        Optional<CatalogEntry> existing = catalog.find(site, kind, name);
        if (existing.isEmpty()) {
            return Response.status(201).entity(CatalogEntryView.of(catalog.create(site, kind, name, description)))
                    .build();
        }
        CatalogEntry entry = existing.get();
        if (!Objects.equals(entry.description, description)) {
            entry.description = description;
        }
        return Response.ok(CatalogEntryView.of(entry)).build();
    }

    @DELETE
    @Path("{name}")
    @Transactional
    public Response delete(@PathParam("site") String site, @PathParam("catalog") String path,
            @PathParam("name") String name) {
        SiteKeys.require(site);
        CatalogKind kind = CatalogKind.ofPath(path);
        CatalogEntry entry = catalog.find(site, kind, name)
                .orElseThrow(() -> ProblemException.notFound("No " + kind.label + " '" + name + "'."));
        List<String> users = references.idpsUsing(site, kind, name);
        if (!users.isEmpty()) {
            throw ProblemException.conflict("The " + kind.label + " '" + name + "' is used by IdP(s) "
                    + String.join(", ", users) + "; change their mappings first.");
        }
        entry.delete();
        return Response.noContent().build();
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
