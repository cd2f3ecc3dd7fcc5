package org.ssobroker.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/** URL checks shared by every validator; each returns the reason a URL is refused. */
public final class UrlRules {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private UrlRules() {
    }

    /** Absolute https; plain http only for a loopback host (a developer's local app). */
    public static Optional<String> redirectUrlProblem(String url) {
        return problem(url, false, true);
    }

    /** Absolute https; plain http anywhere only when {@code allowHttp} (local fake IdPs). */
    public static Optional<String> idpUrlProblem(String url, boolean allowHttp) {
        return problem(url, allowHttp, false);
    }

    private static Optional<String> problem(String url, boolean allowHttp, boolean allowLoopbackHttp) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return Optional.of("must be an absolute URL with a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment (#...)");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            if (allowHttp || (allowLoopbackHttp && LOOPBACK.contains(uri.getHost().toLowerCase()))) {
                return Optional.empty();
            }
            return Optional.of(allowLoopbackHttp
                    ? "must use https (http is allowed only for localhost)"
                    : "must use https");
        }
        return Optional.of("must use https");
    }
}
