package org.ssobroker.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.ssobroker.support.AesGcm;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.support.SessionSecret;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The console session: an AES-GCM sealed cookie (key derived from the shared session secret, so
 * every replica reads it; no server-side state), {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Secure} on https, for {@code /console} only. It ends after the idle timeout (each request
 * slides it) and after the absolute maximum. A forged, altered or expired cookie is no session.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "sso_console";
    private static final String CONTEXT = "console-session|v1";
    /** A cookie is re-issued (its idle clock reset) at most this often. */
    private static final Duration SLIDE_STEP = Duration.ofMinutes(1);

    private final AesGcm aes;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final boolean https;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessions(SessionSecret secret, Clock clock, BrokerConfig config, PublicUrls urls) {
        this.aes = new AesGcm(secret.key("console-session"));
        this.clock = clock;
        this.idleTimeout = config.console().sessionIdleTimeout();
        this.maxAge = config.console().sessionMaxAge();
        this.https = urls.https();
    }

    /** A new session (a new id) for a platform operator. */
    public ConsoleSession platform(String clientId) {
        Instant now = clock.instant();
        return new ConsoleSession(newId(), null, null, clientId, now, now);
    }

    /** A new session (a new id) for a user of a site. */
    public ConsoleSession siteUser(String site, UUID userId, String login) {
        Instant now = clock.instant();
        return new ConsoleSession(newId(), site, userId, login, now, now);
    }

    /** The session of this cookie value: empty when missing, forged, idle too long or too old. */
    public Optional<ConsoleSession> open(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > 4096) {
            return Optional.empty();
        }
        Optional<String> plain = aes.open(cookieValue, CONTEXT);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = plain.get().split("\\|", -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        ConsoleSession session;
        try {
            session = new ConsoleSession(parts[0], parts[1].isEmpty() ? null : parts[1],
                    parts[2].isEmpty() ? null : UUID.fromString(parts[2]),
                    URLDecoder.decode(parts[3], StandardCharsets.UTF_8),
                    Instant.ofEpochSecond(Long.parseLong(parts[4])), Instant.ofEpochSecond(Long.parseLong(parts[5])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean idle = session.lastSeen().plus(idleTimeout).isBefore(now);
        boolean old = session.signedIn().plus(maxAge).isBefore(now);
        return idle || old ? Optional.empty() : Optional.of(session);
    }

    /** The session with this request counted, when its idle clock should move (else empty: keep the cookie). */
    public Optional<ConsoleSession> slide(ConsoleSession session) {
        Instant now = clock.instant();
        return session.lastSeen().plus(SLIDE_STEP).isBefore(now) ? Optional.of(session.seenAt(now)) : Optional.empty();
    }

    public NewCookie cookie(ConsoleSession session) {
        String plain = String.join("|", session.id(), session.site() == null ? "" : session.site(),
                session.userId() == null ? "" : session.userId().toString(),
                URLEncoder.encode(session.name(), StandardCharsets.UTF_8),
                Long.toString(session.signedIn().getEpochSecond()), Long.toString(session.lastSeen().getEpochSecond()));
        return build(aes.seal(plain, CONTEXT), -1);
    }

    public NewCookie clear() {
        return build("", 0);
    }

    private NewCookie build(String value, int maxAgeSeconds) {
        // No Max-Age while signed in: a browser session cookie; the sealed times are what count.
        return new NewCookie.Builder(COOKIE).value(value).path(ConsolePaths.ROOT).maxAge(maxAgeSeconds)
                .httpOnly(true).secure(https).sameSite(NewCookie.SameSite.STRICT).build();
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
