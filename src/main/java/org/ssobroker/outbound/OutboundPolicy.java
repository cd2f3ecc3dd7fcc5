package org.ssobroker.outbound;

import org.ssobroker.support.UrlRules;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for every URL the broker fetches (OpenID configuration, JWKS, token, userinfo,
 * and whatever comes later): https unless {@code insecure-allow-http}; every resolved address
 * public unless {@code outbound.allow-private-addresses}; cloud metadata addresses never.
 * Checked when an admin saves a URL and again right before each use; {@link #check} hands back
 * the address it checked so the connection goes exactly there (no DNS rebinding in between).
 */
public final class OutboundPolicy {

    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean allowHttp;
    private final boolean allowPrivate;
    private final HostResolver resolver;

    public OutboundPolicy(boolean allowHttp, boolean allowPrivate, HostResolver resolver) {
        this.allowHttp = allowHttp;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Where a checked fetch connects: the URL's host for TLS and the Host header, the checked address for TCP. */
    public record Target(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    /** @throws OutboundRefusedException naming the rule, before any connection */
    public Target check(String url) {
        URI uri = parse(url);
        List<InetAddress> addresses;
        try {
            String host = hostOf(uri);
            // An IP literal is its own address (InetAddress parses literals without a lookup).
            addresses = LITERAL.matcher(host).matches() || host.contains(":") ? List.of(InetAddress.getByName(host))
                    : resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException(uri.getHost() + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new OutboundRefusedException(uri.getHost() + " does not resolve");
        }
        // Every address must pass: a name answering one public and one private address is refused.
        for (InetAddress address : addresses) {
            AddressRules.problem(address, allowPrivate).ifPresent(p -> {
                throw new OutboundRefusedException(p);
            });
        }
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        return new Target(uri, hostOf(uri), port, tls, addresses.get(0));
    }

    /**
     * The check at save time: the URL rules, and the address rules when the host resolves from
     * here (a host that does not resolve yet is refused at use, not at save).
     */
    public Optional<String> problemAtSave(String url) {
        Optional<String> urlProblem = UrlRules.idpUrlProblem(url, allowHttp);
        if (urlProblem.isPresent()) {
            return urlProblem;
        }
        try {
            check(url);
            return Optional.empty();
        } catch (OutboundRefusedException e) {
            return e.getMessage().endsWith(" does not resolve") ? Optional.empty() : Optional.of(e.getMessage());
        }
    }

    private URI parse(String url) {
        if (url == null) {
            throw new OutboundRefusedException("no URL");
        }
        UrlRules.idpUrlProblem(url, allowHttp).ifPresent(p -> {
            throw new OutboundRefusedException(url + " " + p);
        });
        URI uri = URI.create(url.trim());
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefusedException(url + " must not carry credentials");
        }
        return uri;
    }

    /** The host without IPv6 brackets, lower case. */
    private static String hostOf(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
