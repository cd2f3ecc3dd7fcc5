package org.ssobroker.idp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.outbound.OutboundFetcher;
import org.ssobroker.outbound.OutboundPolicy;
import org.ssobroker.outbound.OutboundRefusedException;
import org.ssobroker.support.BrokerMetrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches an IdP's OpenID configuration (issuer, endpoints) through the outbound policy: the
 * configuration URL and every endpoint the broker will fetch later (JWKS, token, userinfo) must
 * pass it, so a document naming a metadata or private address is refused here, with the field.
 * Callers cache the answer and call this outside any database transaction.
 */
@ApplicationScoped
public class OidcDiscovery {

    private final OutboundFetcher fetcher;
    private final OutboundPolicy policy;
    private final ObjectMapper json = new ObjectMapper();
    private final BrokerMetrics metrics;

    public OidcDiscovery(OutboundFetcher fetcher, OutboundPolicy policy, BrokerMetrics metrics) {
        this.fetcher = fetcher;
        this.policy = policy;
        this.metrics = metrics;
    }

    public record Metadata(String issuer, String jwksUri, String authorizationUrl, String tokenUrl,
            String userInfoUrl) {
    }

    /** @throws DiscoveryException with the reason the configuration could not be used */
    public Metadata fetch(String configUrl) {
        try {
            return read(configUrl);
        } catch (DiscoveryException e) {
            metrics.discoveryFailure();
            throw e;
        }
    }

    private Metadata read(String configUrl) {
        byte[] body;
        try {
            body = fetcher.okBody(configUrl, "application/json");
        } catch (OutboundRefusedException e) {
            throw new DiscoveryException("the OpenID configuration URL " + e.getMessage());
        }
        JsonNode doc;
        try {
            doc = json.readTree(body);
        } catch (IOException e) {
            throw new DiscoveryException("the OpenID configuration is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new DiscoveryException("the OpenID configuration is not a JSON object");
        }
        // Every problem of the document at once: an admin fixing the IdP side sees the whole list.
        List<String> problems = new ArrayList<>();
        for (String required : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")) {
            if (text(doc, required) == null) {
                problems.add("the OpenID configuration lacks the required field " + required);
            }
        }
        String issuer = text(doc, "issuer");
        String expected = configUrl.replaceFirst("/\\.well-known/openid-configuration/?$", "");
        if (issuer != null && !stripSlash(issuer).equals(stripSlash(expected))) {
            problems.add("the issuer '" + issuer + "' does not match the configuration URL (expected '"
                    + expected + "'): this document belongs to another IdP or tenant");
        }
        Map<String, String> fetched = new LinkedHashMap<>();
        fetched.put("jwks_uri", text(doc, "jwks_uri"));
        fetched.put("token_endpoint", text(doc, "token_endpoint"));
        fetched.put("userinfo_endpoint", text(doc, "userinfo_endpoint"));
        fetched.forEach((field, url) -> {
            if (url != null) {
                endpointProblem(field, url).ifPresent(problems::add);
            }
        });
        if (!problems.isEmpty()) {
            throw new DiscoveryException(problems);
        }
        return new Metadata(issuer, fetched.get("jwks_uri"), text(doc, "authorization_endpoint"),
                fetched.get("token_endpoint"), fetched.get("userinfo_endpoint"));
    }

    /**
     * Endpoints the broker fetches later pass the same policy now (and again when used). A host
     * that does not resolve from here is left to fail when used.
     */
    private Optional<String> endpointProblem(String field, String url) {
        return policy.problemAtSave(url).map(problem -> "the OpenID configuration's " + field + " is refused: "
                + problem);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    /** Discovery failed; the message says why, for an admin, and {@link #reasons()} lists each reason. */
    public static class DiscoveryException extends RuntimeException {

        private final List<String> reasons;

        public DiscoveryException(String message) {
            this(List.of(message));
        }

        public DiscoveryException(List<String> reasons) {
            super(String.join("; ", reasons), null, false, false);
            this.reasons = List.copyOf(reasons);
        }

        public List<String> reasons() {
            return reasons;
        }
    }
}
