package org.ssobroker.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.mapping.Claims;
import org.ssobroker.mapping.MappedIdentity;
import org.ssobroker.provisioning.IdentityProvisioning;
import org.ssobroker.provisioning.ProvisionedUser;
import org.ssobroker.provisioning.UserProvisioner;
import org.ssobroker.provisioning.WelcomeTemplates;
import org.ssobroker.support.BrokerMetrics;
import org.ssobroker.support.LoginRefusal;
import org.ssobroker.support.RefusalAnswers;
import org.ssobroker.token.AuthorizationCodes;
import org.ssobroker.token.OpenIdTokens;
import org.ssobroker.upstream.SourcedClaims;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The end of every browser login, whichever protocol verified the user (the OIDC callback, the
 * SAML assertion consumer): test connection shows the claims and the mapping and stores nothing;
 * a real login maps and provisions the user, then hands the app its code (or shows the signed-in
 * page, with the first-login message once); a refusal, from verification to provisioning, is
 * counted and answered with its page.
 */
@ApplicationScoped
public class LoginCompletion {

    private final LoginPages pages;
    private final IdentityProvisioning provisioning;
    private final UserProvisioner users;
    private final AuthorizationCodes codes;
    private final BrokerMetrics metrics;
    private final OpenIdTokens openIdTokens;
    private final Clock clock;

    public LoginCompletion(LoginPages pages, IdentityProvisioning provisioning, UserProvisioner users,
            AuthorizationCodes codes, BrokerMetrics metrics, OpenIdTokens openIdTokens, Clock clock) {
        this.pages = pages;
        this.provisioning = provisioning;
        this.users = users;
        this.codes = codes;
        this.metrics = metrics;
        this.openIdTokens = openIdTokens;
        this.clock = clock;
    }

    /**
     * @param verified the user's claims, verified by the protocol; throws {@link LoginRefusal} when
     *                 the IdP's answer is refused
     */
    public Response.ResponseBuilder finish(RegisteredIdp idp, LoginIntent intent, Supplier<SourcedClaims> verified) {
        try {
            SourcedClaims sourced = verified.get();
            if (intent.test()) {
                metrics.login(idp.siteKey(), idp.nameId(), "test");
                return Response.fromResponse(testConnection(idp, sourced));
            }
            return Response.fromResponse(complete(idp, sourced.claims(), intent));
        } catch (LoginRefusal refusal) {
            return refused(idp, refusal);
        }
    }

    /** A refused login, counted, and its page (a refused IdP answer offers a new sign-in). */
    public Response.ResponseBuilder refused(RegisteredIdp idp, LoginRefusal refusal) {
        metrics.refused(BrokerMetrics.LoginFlow.BROWSER, idp.siteKey(), idp.nameId(), refusal);
        return Response.fromResponse(RefusalAnswers.page(refusal, pages,
                LoginPaths.authorizationPath(idp.siteKey(), idp.nameId())));
    }

    /**
     * The IdP refused the sign-in: an OpenID app learns it by an RFC 6749 4.1.2.1 error redirect;
     * empty for any other login (the caller shows its page).
     */
    public java.util.Optional<Response.ResponseBuilder> idpRefusalToApp(String site, LoginIntent intent,
            boolean accessDenied) {
        if (intent == null || intent.request() == null || !intent.request().openId()) {
            return java.util.Optional.empty();
        }
        String target = AppRedirects.with(intent.redirectUri(), "error",
                accessDenied ? "access_denied" : "server_error",
                "error_description", "The identity provider refused the sign-in.",
                "state", intent.request().state(), "iss", openIdTokens.issuer(site));
        return java.util.Optional.of(Response.seeOther(URI.create(target)).header("Cache-Control", "no-store"));
    }

    /** @throws LoginRefusal when provisioning refuses the user */
    private Response complete(RegisteredIdp idp, Claims claims, LoginIntent intent) {
        ProvisionedUser user = provisioning.provision(idp, claims);
        metrics.login(idp.siteKey(), idp.nameId(), "success");
        String message = firstLoginMessage(idp, user);
        LoginPages.UserSummary summary = new LoginPages.UserSummary(user.login(), user.email(), user.name());
        if (intent.redirectUri() == null) {
            return pages.signedIn(idp.siteName(), summary, message, null);
        }
        String code = codes.issue(idp.siteKey(), user.userId(), intent.redirectUri(), intent.request(),
                clock.instant());
        String state = intent.request() == null ? null : intent.request().state();
        String target = AppRedirects.with(intent.redirectUri(), "code", code, "state", state,
                "iss", openIdTokens.issuer(idp.siteKey()));
        if (message != null) {
            return pages.signedIn(idp.siteName(), summary, message, target);
        }
        return Response.seeOther(URI.create(target)).header("Cache-Control", "no-store").build();
    }

    /** The first-login message, once: only the call that clears the pending flag gets it. */
    private String firstLoginMessage(RegisteredIdp idp, ProvisionedUser user) {
        if (!user.firstLoginMessagePending() || !Boolean.TRUE.equals(idp.welcome().messageEnabled())
                || !users.takeFirstLoginMessage(user.userId())) {
            return null;
        }
        return WelcomeTemplates.html(idp.welcome().messageTemplate(),
                WelcomeTemplates.values(user.name(), user.login(), user.email(), idp.siteName()));
    }

    /** The claims as the mapping sees them, each named with its source (the id_token's win over userinfo's). */
    private Response testConnection(RegisteredIdp idp, SourcedClaims sourced) {
        Claims claims = sourced.claims();
        List<LoginPages.Row> claimRows = new ArrayList<>();
        sourced.values().forEach((k, v) -> claimRows.add(new LoginPages.Row(sourced.sources().get(k) + ": " + k,
                String.valueOf(v))));
        sourced.unavailable().forEach((k, reason) -> claimRows.add(new LoginPages.Row(
                SourcedClaims.GRAPH + ": " + k, "unavailable: " + reason)));
        MappedIdentity mapped;
        try {
            mapped = provisioning.preview(idp, claims);
        } catch (LoginRefusal e) {
            return pages.testConnection(idp.displayName(), e.getMessage(), List.of(), List.of(), claimRows);
        }
        String refusal = IdentityProvisioning.emailDomainRefusal(idp, mapped).map(LoginRefusal::getMessage)
                .orElse(null);
        List<LoginPages.Row> mapping = List.of(
                new LoginPages.Row("externalUserId", mapped.externalUserId()),
                new LoginPages.Row("login", mapped.login()),
                new LoginPages.Row("email", String.valueOf(mapped.email())),
                new LoginPages.Row("name", String.valueOf(mapped.name())),
                new LoginPages.Row("firstName", String.valueOf(mapped.firstName())),
                new LoginPages.Row("lastName", String.valueOf(mapped.lastName())),
                new LoginPages.Row("accessRight", String.valueOf(mapped.accessRight())),
                new LoginPages.Row("groups", mapped.idpGroups() == null ? "(kept as they were)"
                        : String.join(", ", mapped.idpGroups())),
                new LoginPages.Row("defaultGroups", String.join(", ", mapped.defaultGroups())),
                new LoginPages.Row("attributes", mapped.attributes().toString()));
        return pages.testConnection(idp.displayName(), refusal, mapping, mapped.notes(), claimRows);
    }
}
