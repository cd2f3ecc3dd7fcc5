package org.ssobroker.upstream;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.mapping.ClaimValueMapping;

import java.util.Map;
import java.util.Optional;

/**
 * The one place where a login's claims are put together, for the browser and the exchange alike
 * (and a SAML IdP's assertion):
 * the id_token's claims, then userinfo's (the browser's from quarkus-oidc; the exchange's fetched
 * with the user's upstream access token when the app sends one), then the groups Microsoft Graph
 * gives when the token says they did not fit (Entra ID group overage). The id_token's claims win;
 * userinfo's {@code sub} must be the id_token's, or the login is refused (OpenID Connect Core
 * 5.3.2: userinfo of another user must not be used). Each claim remembers its source, which test
 * connection shows.
 */
@ApplicationScoped
public class ClaimSources {

    private final UpstreamUserInfo userInfo;
    private final GraphGroups graph;

    public ClaimSources(UpstreamUserInfo userInfo, GraphGroups graph) {
        this.userInfo = userInfo;
        this.graph = graph;
    }

    /** The exchange: the verified id_token, and userinfo when the app sent the user's access token. */
    public SourcedClaims exchange(RegisteredIdp idp, Map<String, Object> idToken, Optional<String> accessToken) {
        return withOverageGroups(idp,
                merge(idToken, accessToken.map(token -> userInfo.fetch(idp, token)).orElse(Map.of())));
    }

    /** The browser: what quarkus-oidc verified and fetched. */
    public SourcedClaims browser(RegisteredIdp idp, Map<String, Object> idToken, Map<String, Object> userInfoClaims) {
        return withOverageGroups(idp, merge(idToken, userInfoClaims));
    }

    /**
     * A SAML IdP: the claims of its verified assertion. When Entra ID points to Microsoft Graph for
     * the groups ({@code groups.link}: the user is in too many), the groups are unavailable, never
     * empty: a SAML sign-in carries no credentials to read Graph, so the stored groups stay (and an
     * access right mapped from them refuses the sign-in).
     */
    public SourcedClaims assertion(RegisteredIdp idp, Map<String, Object> claims) {
        SourcedClaims sourced = SourcedClaims.of(claims, SourcedClaims.ASSERTION);
        if (!GraphGroups.overage(claims)) {
            return sourced;
        }
        String reason = "the IdP sent groups.link instead of the groups (the user is in too many groups); a SAML "
                + "sign-in brings no credentials to read them from Microsoft Graph";
        sourced = sourced.withUnavailable(GraphGroups.CLAIM, reason);
        ClaimValueMapping groups = idp.mappingRules().groupMapping();
        return groups == null || groups.claim() == null ? sourced : sourced.withUnavailable(groups.claim(), reason);
    }

    private static SourcedClaims merge(Map<String, Object> idToken, Map<String, Object> userInfoClaims) {
        Object sub = userInfoClaims.get("sub");
        if (sub != null && !sub.equals(idToken.get("sub"))) {
            throw new UpstreamUserInfo.UserInfoRefusedException("userinfo's sub '" + sub
                    + "' is not the id_token's sub: it describes another user");
        }
        return SourcedClaims.of(idToken, userInfoClaims);
    }

    /**
     * Overage: the groups are read from Graph. When Graph fails, {@code refuse} fails the login;
     * {@code keepPrevious} marks the claim unavailable (never empty), so the stored groups stay.
     */
    private SourcedClaims withOverageGroups(RegisteredIdp idp, SourcedClaims claims) {
        if (!idp.readsOverageGroups() || !GraphGroups.overage(claims.values())) {
            return claims;
        }
        try {
            return claims.with(GraphGroups.CLAIM, graph.groups(idp, claims.values()), SourcedClaims.GRAPH);
        } catch (GraphGroups.GroupsUnavailableException e) {
            if (idp.groupOverage().keepPreviousOnFailure()) {
                return claims.withUnavailable(GraphGroups.CLAIM, e.getMessage());
            }
            throw e;
        }
    }
}
