package org.ssobroker.login;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.saml.SamlAssertion;
import org.ssobroker.saml.SamlRefusal;
import org.ssobroker.saml.SamlResponses;
import org.ssobroker.support.FormBody;
import org.ssobroker.support.LoginRefusal;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.upstream.ClaimSources;

import java.util.Optional;
import java.util.Set;

/**
 * The assertion consumer service of a SAML IdP (HTTP-POST binding; Spring Security's path): the
 * IdP's Response is validated ({@link SamlResponses}) against the AuthnRequest id this browser's
 * intent cookie holds, its attributes become the claims ({@link ClaimSources}), and the login ends
 * like every other ({@link LoginCompletion}). An IdP-initiated response (allowed per IdP) has no
 * intent: it signs the user in, and goes on to its RelayState when that is one of the IdP's
 * allowed redirect URLs.
 */
@Path("/site/{site}/login/saml2/sso/{nameId}")
public class SamlAssertionConsumer {

    private final IdpDirectory directory;
    private final LoginIntentCookies intents;
    private final LoginPages pages;
    private final LoginCompletion completion;
    private final SamlResponses responses;
    private final ClaimSources claimSources;
    private final boolean https;

    public SamlAssertionConsumer(IdpDirectory directory, LoginIntentCookies intents, LoginPages pages,
            LoginCompletion completion, SamlResponses responses, ClaimSources claimSources, PublicUrls urls) {
        this.directory = directory;
        this.intents = intents;
        this.pages = pages;
        this.completion = completion;
        this.responses = responses;
        this.claimSources = claimSources;
        this.https = urls.https();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response consume(@PathParam("site") String site, @PathParam("nameId") String nameId, String body,
            @Context HttpHeaders headers) {
        MultivaluedMap<String, String> form;
        try {
            form = FormBody.parse(body, Set.of("SAMLResponse"));
        } catch (FormBody.MalformedFormException e) {
            return pages.message(400, "Sign-in failed", "The identity provider's answer could not be read: "
                    + e.getMessage(), null, LoginPaths.authorizationPath(site, nameId));
        }
        Optional<RegisteredIdp> found = directory.find(site, nameId).filter(RegisteredIdp::usesSaml);
        if (found.isEmpty()) {
            return pages.message(404, "Sign-in method not found", "There is no SAML sign-in method '" + nameId
                    + "' for this site (it may have been removed).", null, null);
        }
        RegisteredIdp idp = found.get();
        Optional<LoginIntent> intent = intents.read(site, nameId, Optional.ofNullable(headers.getCookies()
                .get(intents.name(site, nameId))).map(Cookie::getValue).orElse(null));
        SamlAssertion assertion;
        try {
            assertion = responses.consume(idp, form.getFirst("SAMLResponse"),
                    intent.map(LoginIntent::samlRequestId));
        } catch (SamlRefusal refusal) {
            Optional<Response.ResponseBuilder> toApp = refusal.check() == SamlRefusal.Check.IDP_STATUS
                    ? completion.idpRefusalToApp(site, intent.orElse(null), true) : Optional.empty();
            return toApp.orElseGet(() -> completion.refused(idp, refusal)).cookie(clear(site, nameId)).build();
        } catch (LoginRefusal refusal) {
            return completion.refused(idp, refusal).cookie(clear(site, nameId)).build();
        }
        // A test connection stays one even if the IdP answered unsolicited.
        LoginIntent effective = assertion.solicited() ? intent.orElseThrow()
                : intent.filter(LoginIntent::test).orElseGet(() -> idpInitiated(idp, form.getFirst("RelayState")));
        return completion.finish(idp, effective, () -> claimSources.assertion(idp, assertion.claims()))
                .cookie(clear(site, nameId)).build();
    }

    /** An IdP-initiated login: to the RelayState when it is an allowed redirect URL (with a code), else the signed-in page. */
    private static LoginIntent idpInitiated(RegisteredIdp idp, String relayState) {
        return new LoginIntent(relayState != null && idp.allowedRedirectUrls().contains(relayState) ? relayState : null,
                false);
    }

    private jakarta.ws.rs.core.NewCookie clear(String site, String nameId) {
        return intents.clearSaml(site, nameId, https);
    }
}
