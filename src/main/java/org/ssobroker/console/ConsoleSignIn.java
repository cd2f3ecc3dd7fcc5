package org.ssobroker.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.ssobroker.login.LoginPaths;
import org.ssobroker.login.PendingAuthorizations;
import org.ssobroker.support.AesGcm;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.support.SessionSecret;
import org.ssobroker.token.AuthenticatedClient;
import org.ssobroker.token.CodeGrant;
import org.ssobroker.token.CodeRequest;
import org.ssobroker.token.GrantTypes;
import org.ssobroker.token.OpenIdTokens;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A site user's sign-in to the console, through the site's own login page and the broker's
 * browser login. The console is a built-in app of every site: it seals an authorization request
 * (its callback, a state, a PKCE S256 challenge) as an OpenID app's would travel, the login
 * ends with a one-time code sent to {@code /console/site/{site}/callback}, and the console
 * redeems that code server-side by the token endpoint's rules. The state and the PKCE verifier
 * stay in a sealed cookie of this browser, so a code or a callback URL from elsewhere is useless.
 */
@ApplicationScoped
public class ConsoleSignIn {

    /** The console's client id in codes; not a valid client app id, so no app can redeem its codes. */
    static final String CLIENT_ID = "sso-broker:console";
    static final String COOKIE = "sso_console_signin";
    private static final int MAX_AGE_SECONDS = 600;

    private final PendingAuthorizations authorizations;
    private final CodeGrant codes;
    private final OpenIdTokens openIdTokens;
    private final PublicUrls urls;
    private final AesGcm aes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSignIn(PendingAuthorizations authorizations, CodeGrant codes, OpenIdTokens openIdTokens,
            PublicUrls urls, SessionSecret secret, Clock clock) {
        this.authorizations = authorizations;
        this.codes = codes;
        this.openIdTokens = openIdTokens;
        this.urls = urls;
        this.aes = new AesGcm(secret.key("console-sign-in"));
        this.clock = clock;
    }

    /** Where the sign-in goes (the login page, carrying the sealed request) and the cookie it needs back. */
    public record Start(String loginPage, NewCookie cookie) {
    }

    /** What came back to the callback, checked. */
    public record Finished(UUID userId, String next) {
    }

    public String callbackUrl(String site) {
        return urls.base() + ConsolePaths.ROOT + "/site/" + site + "/callback";
    }

    public Start start(String site, String loginUrl, String next) {
        String state = random(24);
        String verifier = random(48);
        String authz = authorizations.seal(site, callbackUrl(site),
                new CodeRequest(CLIENT_ID, false, null, state, null, CodeGrant.s256(verifier)));
        String plain = (clock.instant().getEpochSecond() + MAX_AGE_SECONDS) + "|" + state + "|" + verifier + "|"
                + URLEncoder.encode(next == null ? "" : next, StandardCharsets.UTF_8);
        return new Start(LoginPaths.loginPagePath(site, loginUrl, authz),
                cookie(site, aes.seal(plain, context(site)), MAX_AGE_SECONDS));
    }

    /**
     * The user the code was issued for, once the state matches this browser's cookie, the issuer
     * is the site's (RFC 9207) and the code redeems (once, in time, with the verifier).
     *
     * @throws SignInFailed with what to tell the user
     */
    public Finished finish(String site, String cookieValue, String code, String state, String iss) {
        Optional<String> plain = cookieValue == null ? Optional.empty() : aes.open(cookieValue, context(site));
        String[] parts = plain.map(p -> p.split("\\|", -1)).orElse(new String[0]);
        if (parts.length != 4 || Long.parseLong(parts[0]) < clock.instant().getEpochSecond()) {
            throw new SignInFailed("This sign-in took too long or was not started in this browser. Sign in again.");
        }
        if (state == null || !MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw new SignInFailed("This sign-in does not belong to this browser's sign-in. Sign in again.");
        }
        if (iss != null && !iss.equals(openIdTokens.issuer(site))) {
            throw new SignInFailed("This sign-in came from another issuer. Sign in again.");
        }
        if (code == null || code.isBlank()) {
            throw new SignInFailed("The sign-in returned no code. Sign in again.");
        }
        AuthenticatedClient console = new AuthenticatedClient(CLIENT_ID, site, null, Set.of(),
                List.of(GrantTypes.AUTHORIZATION_CODE), List.of(callbackUrl(site)));
        try {
            UUID user = codes.redeemForBuiltIn(console, code, callbackUrl(site), parts[2]);
            String next = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
            return new Finished(user, next.isEmpty() ? null : next);
        } catch (OAuthException e) {
            throw new SignInFailed("The sign-in could not be completed: " + e.getMessage() + " Sign in again.");
        }
    }

    public NewCookie clear(String site) {
        return cookie(site, "", 0);
    }

    private NewCookie cookie(String site, String value, int maxAge) {
        // Lax, not Strict: it must come back on the redirect that ends the IdP's round trip.
        return new NewCookie.Builder(COOKIE).value(value).path(ConsolePaths.ROOT + "/site/" + site + "/callback")
                .maxAge(maxAge).httpOnly(true).secure(urls.https()).sameSite(NewCookie.SameSite.LAX).build();
    }

    private static String context(String site) {
        return "console-sign-in|" + site;
    }

    private String random(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A sign-in that did not complete; the message is for the user. */
    public static class SignInFailed extends RuntimeException {
        public SignInFailed(String message) {
            super(message, null, false, false);
        }
    }
}
