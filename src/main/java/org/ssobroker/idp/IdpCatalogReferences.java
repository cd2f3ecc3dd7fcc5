package org.ssobroker.idp;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.mapping.ClaimValueMapping;
import org.ssobroker.site.CatalogKind;
import org.ssobroker.site.CatalogReferences;
import org.ssobroker.site.LoginUrl;

import java.util.List;
import java.util.Objects;

/** Finds the IdPs that map to a catalog entry or link to a login URL. */
@ApplicationScoped
public class IdpCatalogReferences implements CatalogReferences {

    @Override
    public List<String> idpsUsing(String siteKey, CatalogKind kind, String name) {
        return IdentityProvider.listBySite(siteKey).stream()
                .filter(idp -> kind == CatalogKind.ACCESS_RIGHTS
                        ? maps(idp.accessRightMapping, name) || (idp.defaultUserProperties != null
                                && name.equals(idp.defaultUserProperties.accessRight()))
                        : maps(idp.groupMapping, name) || (idp.defaultGroups != null && idp.defaultGroups.contains(name)))
                .map(idp -> idp.nameId)
                .toList();
    }

    @Override
    public List<String> idpsLinkedTo(String siteKey, String loginUrlName) {
        Long loginUrlId = LoginUrl.find(siteKey, loginUrlName).map(l -> l.id).orElse(null);
        return IdentityProvider.listBySite(siteKey).stream()
                .filter(idp -> Objects.equals(idp.loginUrlId, loginUrlId))
                .map(idp -> idp.nameId)
                .toList();
    }

    private static boolean maps(ClaimValueMapping mapping, String target) {
        return mapping != null && mapping.rules().stream().anyMatch(rule -> rule.values().contains(target));
    }
}
