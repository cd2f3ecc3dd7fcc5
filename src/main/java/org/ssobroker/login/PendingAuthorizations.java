package org.ssobroker.login;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.AesGcm;
import org.ssobroker.support.SessionSecret;
import org.ssobroker.token.CodeRequest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * A validated OpenID authorization request on its way through the site's login page to the
 * chosen IdP: sealed into one {@code authz} parameter (bound to the site, ten minutes), so the
 * login page and the Authorization Base URL carry it without a server-side session, and nobody
 * can alter its client, redirect URI, nonce or PKCE challenge on the way.
 */
@ApplicationScoped
public class PendingAuthorizations {

    static final String PARAMETER = "authz";
    private static final int MAX_AGE_SECONDS = 600;

    private final AesGcm aes;
    private final Clock clock;

    public PendingAuthorizations(SessionSecret secret, Clock clock) {
        this.aes = new AesGcm(secret.key("openid-authorization"));
        this.clock = clock;
    }

    public record Pending(String redirectUri, CodeRequest request) {
    }

    public String seal(String site, String redirectUri, CodeRequest request) {
        String plain = (clock.instant().getEpochSecond() + MAX_AGE_SECONDS) + "|"
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8) + "|" + request.encode();
        return aes.seal(plain, context(site));
    }

    /** Empty when missing, forged, another site's or expired. */
    public Optional<Pending> open(String site, String sealed) {
        Optional<String> plain = sealed == null || sealed.length() > 8192 ? Optional.empty()
                : aes.open(sealed, context(site));
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = plain.get().split("\\|", 3);
        if (parts.length != 3 || Long.parseLong(parts[0]) < clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return CodeRequest.decode(parts[2])
                .map(request -> new Pending(URLDecoder.decode(parts[1], StandardCharsets.UTF_8), request));
    }

    private static String context(String site) {
        return "authz|" + site;
    }
}
