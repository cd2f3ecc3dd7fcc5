package org.ssobroker.idp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ssobroker.site.CatalogKind;
import org.ssobroker.site.LoginUrl;
import org.ssobroker.site.SiteCatalog;
import org.ssobroker.site.SiteKeys;
import org.ssobroker.support.ChangeFeed;
import org.ssobroker.support.Changed;
import org.ssobroker.support.LikePatterns;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.support.SecretBox;

import org.ssobroker.support.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Stores IdP documents: validates, seals the client secret, and announces every change. */
@ApplicationScoped
public class IdpService {

    /** Writes the SAML settings as Hibernate's own mapper writes JSON columns (defaults, no REST tuning). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdpValidator validator;
    private final SecretBox secrets;
    private final PublicUrls urls;
    private final SiteCatalog catalog;
    private final ChangeFeed feed;
    private final SamlMetadataReader samlMetadata;
    private final java.time.Clock clock;

    public IdpService(IdpValidator validator, SecretBox secrets, PublicUrls urls, SiteCatalog catalog,
            ChangeFeed feed, SamlMetadataReader samlMetadata, java.time.Clock clock) {
        this.validator = validator;
        this.samlMetadata = samlMetadata;
        this.clock = clock;
        this.secrets = secrets;
        this.urls = urls;
        this.catalog = catalog;
        this.feed = feed;
    }

    /** Tells this replica's caches after commit, and the other replicas through the change feed. */
    private void announce(String site, String nameId, Changed.Change change) {
        feed.record(Changed.idp(site, nameId, change));
    }

    /** The validation context of a site, for a document written to {@code pathNameId}. */
    public IdpValidationContext context(String site, Optional<String> pathNameId, String documentNameId) {
        String nameId = pathNameId.orElse(documentNameId);
        Optional<String> taken = nameId == null ? Optional.empty()
                : IdentityProvider.findCaseInsensitive(site, nameId)
                        .map(idp -> idp.nameId)
                        .filter(existing -> pathNameId.isEmpty() || !existing.equals(pathNameId.get()));
        return new IdpValidationContext(site, pathNameId, taken,
                LoginUrl.<LoginUrl>list("siteKey", site).stream().map(l -> l.name).collect(Collectors.toSet()),
                catalog.names(site, CatalogKind.ACCESS_RIGHTS),
                catalog.names(site, CatalogKind.GROUPS));
    }

    /**
     * CI's idempotent {@code PUT}: creates or replaces the IdP at {@code nameId}. A SAML metadata URL
     * is fetched first, before the transaction when the caller has none (the API): a slow IdP holds
     * no database connection.
     */
    public IdpWriteResult put(String site, String nameId, IdpDocument document) {
        Fetched fetched = withFetchedMetadata(document);
        return QuarkusTransaction.joiningExisting().call(() -> write(site, nameId, fetched));
    }

    /** A document whose SAML metadata was just fetched from its URL (at null when there is none to fetch). */
    private record Fetched(IdpDocument document, Instant at) {
    }

    private Fetched withFetchedMetadata(IdpDocument document) {
        SamlSettings saml = document.saml();
        if (!document.usesSaml() || saml == null || saml.metadataUrl() == null || saml.metadataUrl().isBlank()) {
            return new Fetched(document, null);
        }
        try {
            Instant at = clock.instant();
            return new Fetched(document.withSaml(saml.withMetadata(samlMetadata.fetch(saml.metadataUrl().trim()))), at);
        } catch (SamlMetadataReader.MetadataException e) {
            throw ProblemException.invalid("saml.metadataUrl", e.getMessage());
        }
    }

    private IdpWriteResult write(String site, String nameId, Fetched fetched) {
        IdpDocument document = fetched.document();
        SiteKeys.require(site);
        ValidatedIdp valid = validator.validate(document, context(site, Optional.of(nameId), document.nameId()));
        IdentityProvider idp = IdentityProvider.find(site, nameId).orElse(null);
        if (idp == null) {
            idp = new IdentityProvider();
            idp.siteKey = site;
            idp.nameId = nameId;
            apply(idp, valid, fetched.at());
            idp.createdAt = idp.updatedAt;
            idp.persist();
            announce(site, nameId, Changed.Change.CREATED);
            return new IdpWriteResult(true, view(idp));
        }
        if (!sameAs(idp, valid)) {
            requireSecretForNewEndpoints(idp, valid.document().oidc());
            apply(idp, valid, fetched.at());
            announce(site, nameId, Changed.Change.UPDATED);
        }
        return new IdpWriteResult(false, view(idp));
    }

    /** A new IdP (the wizard's save): its nameId must be free in the site. */
    public IdpWriteResult create(String site, IdpDocument document) {
        Fetched fetched = withFetchedMetadata(document);
        return QuarkusTransaction.joiningExisting().call(() -> {
            SiteKeys.require(site);
            validator.validate(fetched.document(), context(site, Optional.empty(), document.nameId()));
            return write(site, document.nameId().trim(), fetched);
        });
    }

    /**
     * Keeps what a refresh of a SAML IdP's metadata URL gave (while the URL is still the IdP's), and
     * when it changed tells every replica, whose logins then use the new certificates. Not an edit:
     * version and updatedAt stay.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void storeRefreshedSamlMetadata(RegisteredIdp registered, SamlIdpMetadata metadata, Instant fetchedAt) {
        IdentityProvider idp = IdentityProvider.findById(registered.id());
        if (idp == null || idp.saml == null || !java.util.Objects.equals(idp.saml.metadataUrl(),
                registered.saml().metadataUrl())) {
            return;
        }
        boolean changed = !idp.saml.metadata().equals(metadata);
        idp.getEntityManager().createNativeQuery("update identity_provider set saml = cast(?1 as jsonb), "
                        + "saml_metadata_fetched_at = ?2 where id = ?3")
                .setParameter(1, json(idp.saml.withMetadata(metadata))).setParameter(2, fetchedAt)
                .setParameter(3, idp.id).executeUpdate();
        if (changed) {
            announce(idp.siteKey, idp.nameId, Changed.Change.UPDATED);
        }
    }

    private static String json(SamlSettings saml) {
        try {
            return JSON.writeValueAsString(saml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("SAML settings cannot be written as JSON", e);
        }
    }

    @Transactional
    public List<IdpView> list(String site) {
        SiteKeys.require(site);
        Map<Long, String> loginUrls = loginUrlNames(site);
        return IdentityProvider.listBySite(site).stream().map(idp -> view(idp, loginUrls)).toList();
    }

    /**
     * A page of the site's IdPs whose nameId or display name contains {@code search} (ignoring
     * case), ordered by nameId: one counting and one paged query, however many IdPs the site has.
     */
    @Transactional
    public IdpPage page(String site, String search, int offset, int limit) {
        SiteKeys.require(site);
        String pattern = LikePatterns.containing(search);
        String where = "siteKey = ?1 and (lower(nameId) like ?2 " + LikePatterns.ESCAPE + " or lower(displayName) like ?2 "
                + LikePatterns.ESCAPE + ")";
        long total = IdentityProvider.count(where, site, pattern);
        List<IdpSummary> idps = IdentityProvider.<IdentityProvider>find(where + " order by nameId", site, pattern)
                .range(offset, offset + limit - 1).list().stream()
                .map(idp -> new IdpSummary(idp.nameId, idp.displayName, idp.oidcType, idp.hideLoginButton,
                        idp.updatedAt))
                .toList();
        return new IdpPage(idps, total, offset, limit);
    }

    @Transactional
    public IdpView get(String site, String nameId) {
        SiteKeys.require(site);
        return view(require(site, nameId));
    }

    @Transactional
    public void delete(String site, String nameId) {
        SiteKeys.require(site);
        require(site, nameId).delete();
        announce(site, nameId, Changed.Change.DELETED);
    }

    private static IdentityProvider require(String site, String nameId) {
        return IdentityProvider.find(site, nameId)
                .orElseThrow(() -> ProblemException.notFound("No IdP '" + nameId + "' in site '" + site + "'."));
    }

    /** @param metadataFetchedAt when a SAML metadata URL was fetched for this write (null: not fetched) */
    private void apply(IdentityProvider idp, ValidatedIdp valid, Instant metadataFetchedAt) {
        IdpDocument doc = valid.document();
        idp.displayName = doc.displayName();
        idp.authMethod = doc.authMethod();
        idp.emailDomains = doc.emailDomains();
        idp.loginUrlId = LoginUrl.find(idp.siteKey, doc.loginUrl()).orElseThrow().id;
        idp.hideLoginButton = doc.hideLoginButton();
        idp.allowedRedirectUrls = doc.allowedRedirectUrls();
        applyProtocol(idp, doc, metadataFetchedAt);
        idp.attributeMappings = doc.attributeMappings();
        idp.accessRightMapping = valid.accessRightMapping();
        idp.groupMapping = valid.groupMapping();
        idp.defaultUserProperties = doc.defaultUserProperties();
        idp.defaultGroups = doc.defaultGroups();
        idp.welcome = doc.welcome();
        idp.trustUnverifiedEmail = Boolean.TRUE.equals(doc.trustUnverifiedEmail());
        idp.groupOverage = doc.groupOverage();
        idp.updatedAt = Timestamps.now();
    }

    /** The OIDC columns, or the SAML settings (the OIDC columns then empty, no client secret). */
    private void applyProtocol(IdentityProvider idp, IdpDocument doc, Instant metadataFetchedAt) {
        boolean saml = doc.usesSaml();
        OidcSettings oidc = saml ? OidcSettings.builder().pkce(false).build() : doc.oidc();
        idp.saml = saml ? doc.saml() : null;
        idp.samlMetadataFetchedAt = saml && doc.saml().metadataUrl() != null ? metadataFetchedAt : null;
        idp.oidcType = oidc.type();
        idp.configUrl = oidc.configUrl();
        idp.issuer = oidc.issuer();
        idp.jwksUri = oidc.jwksUri();
        idp.authorizationUrl = oidc.authorizationUrl();
        idp.tokenUrl = oidc.tokenUrl();
        idp.userInfoUrl = oidc.userInfoUrl();
        idp.clientId = oidc.clientId();
        if (saml) {
            idp.clientSecretSealed = null;
        } else if (oidc.clientSecret() != null) {
            // A PUT without clientSecret keeps the stored one.
            idp.clientSecretSealed = secrets.seal(oidc.clientSecret(), idp.secretContext());
        }
        idp.scopes = oidc.scopes();
        idp.externalUserIdAttribute = saml ? doc.saml().externalUserIdAttribute() : oidc.externalUserIdAttribute();
        idp.pkce = oidc.pkce();
    }

    /**
     * A stored secret never reaches a new endpoint: whoever points the IdP elsewhere (another
     * token URL, or a config URL or issuer that discovers one) must know the secret and send it.
     */
    private void requireSecretForNewEndpoints(IdentityProvider idp, OidcSettings incoming) {
        if (idp.clientSecretSealed != null && incoming != null && incoming.clientSecret() == null
                && incoming.endpointsDifferFrom(document(idp, Map.of()).oidc())) {
            throw ProblemException.invalid("oidc.clientSecret", "re-enter the client secret when the IdP's endpoints "
                    + "change (configUrl, issuer, authorizationUrl or tokenUrl): the stored one is never sent to a "
                    + "new endpoint");
        }
    }

    /** True when writing {@code valid} would change nothing: CI putting back what it read. */
    private boolean sameAs(IdentityProvider idp, ValidatedIdp valid) {
        IdpDocument stored = document(idp, loginUrlNames(idp.siteKey));
        IdpDocument incoming = valid.document();
        String newSecret = incoming.oidc() == null ? null : incoming.oidc().clientSecret();
        boolean secretUnchanged = newSecret == null || (idp.clientSecretSealed != null
                && newSecret.equals(secrets.open(idp.clientSecretSealed, idp.secretContext())));
        return secretUnchanged && stored.equals(incoming.withoutSecret());
    }

    /** The warnings an IdP answer would carry for this document. */
    public List<String> warnings(IdpDocument document, boolean clientSecretSet) {
        return validator.warnings(document, clientSecretSet);
    }

    /** The warnings about one part of the document. */
    public List<String> warnings(IdpDocument document, boolean clientSecretSet, IdpPart part) {
        return validator.warnings(document, clientSecretSet, part);
    }

    private IdpView view(IdentityProvider idp) {
        return view(idp, loginUrlNames(idp.siteKey));
    }

    private IdpView view(IdentityProvider idp, Map<Long, String> loginUrls) {
        IdpDocument doc = document(idp, loginUrls);
        boolean secretSet = idp.clientSecretSealed != null;
        boolean saml = doc.usesSaml();
        return new IdpView(doc, saml ? null : urls.callbackUrl(idp.siteKey, idp.nameId),
                saml ? urls.samlAcsUrl(idp.siteKey, idp.nameId) : null,
                saml ? urls.samlEntityId(idp.siteKey, idp.nameId) : null,
                urls.authorizationBaseUrl(idp.siteKey, idp.nameId), secretSet,
                validator.warnings(doc, secretSet), idp.createdAt, idp.updatedAt);
    }

    private static IdpDocument document(IdentityProvider idp, Map<Long, String> loginUrls) {
        OidcSettings oidc = idp.oidcSettings(null);
        return new IdpDocument(idp.nameId, idp.displayName, idp.authMethod, idp.emailDomains,
                loginUrls.get(idp.loginUrlId), idp.hideLoginButton, idp.allowedRedirectUrls, oidc, idp.saml,
                idp.attributeMappings, ValueMappingSettings.of(idp.accessRightMapping), ValueMappingSettings.of(idp.groupMapping),
                idp.defaultUserProperties, idp.defaultGroups, idp.welcome, idp.trustUnverifiedEmail,
                idp.groupOverage);
    }

    private static Map<Long, String> loginUrlNames(String site) {
        return LoginUrl.<LoginUrl>list("siteKey", site).stream()
                .collect(Collectors.toMap(l -> l.id, l -> l.name, (a, b) -> a));
    }
}
