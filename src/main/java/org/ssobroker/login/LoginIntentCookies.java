package org.ssobroker.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.ssobroker.support.AesGcm;
import org.ssobroker.token.CodeRequest;
import org.ssobroker.support.SessionSecret;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Seals a {@link LoginIntent} into a cookie bound to its IdP, readable by every replica (the
 * key derives from the shared session secret), valid for ten minutes. A SAML intent's cookie is
 * {@code SameSite=None} over https: the IdP's answer arrives as a cross-site POST (HTTP-POST
 * binding), which a Lax cookie would miss; the AuthnRequest id it holds is what binds the answer
 * to this browser (a forged cross-site POST does not know it).
 */
@ApplicationScoped
public class LoginIntentCookies {

    private static final int MAX_AGE_SECONDS = 600;

    private final AesGcm aes;
    private final Clock clock;

    public LoginIntentCookies(SessionSecret secret, Clock clock) {
        this.aes = new AesGcm(secret.key("login-intent"));
        this.clock = clock;
    }

    /** @param secure whether the browser reached us over https (directly or through the proxy) */
    public NewCookie issue(String site, String nameId, LoginIntent intent, boolean secure) {
        String plain = (intent.test() ? "1" : "0") + "|" + (clock.instant().getEpochSecond() + MAX_AGE_SECONDS) + "|"
                + (intent.redirectUri() == null ? "" : URLEncoder.encode(intent.redirectUri(), StandardCharsets.UTF_8))
                + "|" + (intent.request() == null ? "" : intent.request().encode())
                // Only SAML intents have a fifth part: OIDC cookies stay as they were.
                + (intent.samlRequestId() == null ? "" : "|" + URLEncoder.encode(intent.samlRequestId(),
                        StandardCharsets.UTF_8));
        return cookie(site, nameId, aes.seal(plain, name(site, nameId)), MAX_AGE_SECONDS, secure,
                intent.samlRequestId() != null);
    }

    public NewCookie clear(String site, String nameId, boolean secure) {
        return cookie(site, nameId, "", 0, secure, false);
    }

    /** Clears a SAML intent's cookie (it was set SameSite=None, and is cleared on a cross-site POST). */
    public NewCookie clearSaml(String site, String nameId, boolean secure) {
        return cookie(site, nameId, "", 0, secure, true);
    }

    public String name(String site, String nameId) {
        return "sso_intent_" + site + "_" + nameId;
    }

    /**
     * The intent; empty when the cookie is missing, expired or forged. Fails closed: a callback
     * without its intent is no login at all (a test connection must never become a real one).
     */
    public Optional<LoginIntent> read(String site, String nameId, String value) {
        Optional<String> plain = aes.open(value, name(site, nameId));
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = plain.get().split("\\|", 5);
        if (parts.length < 4 || Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        String redirect = parts[2].isEmpty() ? null : URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        Optional<CodeRequest> request = CodeRequest.decode(parts[3]);
        if (!parts[3].isEmpty() && request.isEmpty()) {
            return Optional.empty();
        }
        String samlRequestId = parts.length == 5 ? URLDecoder.decode(parts[4], StandardCharsets.UTF_8) : null;
        return Optional.of(new LoginIntent(redirect, "1".equals(parts[0]), request.orElse(null), samlRequestId));
    }

    /** @param crossSitePost the cookie must come back with a cross-site POST (None needs Secure: https only) */
    private NewCookie cookie(String site, String nameId, String value, int maxAge, boolean secure,
            boolean crossSitePost) {
        return new NewCookie.Builder(name(site, nameId))
                .value(value)
                .path("/site/" + site)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(crossSitePost && secure ? NewCookie.SameSite.NONE : NewCookie.SameSite.LAX)
                .build();
    }
}
