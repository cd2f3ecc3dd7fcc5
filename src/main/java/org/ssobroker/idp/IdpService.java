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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Stores IdP documents: validates, seals the client secret, and announces every change. */
@ApplicationScoped
public class IdpService {

    private final IdpValidator validator;
    private final SecretBox secrets;
    private final PublicUrls urls;
    private final SiteCatalog catalog;
    private final ChangeFeed feed;

    public IdpService(IdpValidator validator, SecretBox secrets, PublicUrls urls, SiteCatalog catalog,
            ChangeFeed feed) {
        this.validator = validator;
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

    /** CI's idempotent {@code PUT}: creates or replaces the IdP at {@code nameId}. */
    @Transactional
    public IdpWriteResult put(String site, String nameId, IdpDocument document) {
        SiteKeys.require(site);
        ValidatedIdp valid = validator.validate(document, context(site, Optional.of(nameId), document.nameId()));
        IdentityProvider idp = IdentityProvider.find(site, nameId).orElse(null);
        if (idp == null) {
            idp = new IdentityProvider();
            idp.siteKey = site;
            idp.nameId = nameId;
            apply(idp, valid);
            idp.createdAt = idp.updatedAt;
            idp.persist();
            announce(site, nameId, Changed.Change.CREATED);
            return new IdpWriteResult(true, view(idp));
        }
        if (!sameAs(idp, valid)) {
            requireSecretForNewEndpoints(idp, valid.document().oidc());
            apply(idp, valid);
            announce(site, nameId, Changed.Change.UPDATED);
        }
        return new IdpWriteResult(false, view(idp));
    }

    /** A new IdP (the wizard's save): its nameId must be free in the site. */
    @Transactional
    public IdpWriteResult create(String site, IdpDocument document) {
        SiteKeys.require(site);
        validator.validate(document, context(site, Optional.empty(), document.nameId()));
        return put(site, document.nameId().trim(), document);
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

    private void apply(IdentityProvider idp, ValidatedIdp valid) {
        IdpDocument doc = valid.document();
        OidcSettings oidc = doc.oidc();
        idp.displayName = doc.displayName();
        idp.authMethod = doc.authMethod();
        idp.emailDomains = doc.emailDomains();
        idp.loginUrlId = LoginUrl.find(idp.siteKey, doc.loginUrl()).orElseThrow().id;
        idp.hideLoginButton = doc.hideLoginButton();
        idp.allowedRedirectUrls = doc.allowedRedirectUrls();
        idp.oidcType = oidc.type();
        idp.configUrl = oidc.configUrl();
        idp.issuer = oidc.issuer();
        idp.jwksUri = oidc.jwksUri();
        idp.authorizationUrl = oidc.authorizationUrl();
        idp.tokenUrl = oidc.tokenUrl();
        idp.userInfoUrl = oidc.userInfoUrl();
        idp.clientId = oidc.clientId();
        if (oidc.clientSecret() != null) {
            // A PUT without clientSecret keeps the stored one.
            idp.clientSecretSealed = secrets.seal(oidc.clientSecret(), idp.secretContext());
        }
        idp.scopes = oidc.scopes();
        idp.externalUserIdAttribute = oidc.externalUserIdAttribute();
        idp.pkce = oidc.pkce();
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
        String newSecret = incoming.oidc().clientSecret();
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
        return new IdpView(doc, urls.callbackUrl(idp.siteKey, idp.nameId),
                urls.authorizationBaseUrl(idp.siteKey, idp.nameId), secretSet,
                validator.warnings(doc, secretSet), idp.createdAt, idp.updatedAt);
    }

    private static IdpDocument document(IdentityProvider idp, Map<Long, String> loginUrls) {
        OidcSettings oidc = idp.oidcSettings(null);
        return new IdpDocument(idp.nameId, idp.displayName, idp.authMethod, idp.emailDomains,
                loginUrls.get(idp.loginUrlId), idp.hideLoginButton, idp.allowedRedirectUrls, oidc,
                idp.attributeMappings, ValueMappingSettings.of(idp.accessRightMapping), ValueMappingSettings.of(idp.groupMapping),
                idp.defaultUserProperties, idp.defaultGroups, idp.welcome, idp.trustUnverifiedEmail,
                idp.groupOverage);
    }

    private static Map<Long, String> loginUrlNames(String site) {
        return LoginUrl.<LoginUrl>list("siteKey", site).stream()
                .collect(Collectors.toMap(l -> l.id, l -> l.name, (a, b) -> a));
    }
}
