package org.ssobroker.idp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.BrokerMetrics;
import org.ssobroker.support.UrlRules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Fetches an IdP's OpenID configuration (issuer, endpoints) with short timeouts and a size
 * cap. Callers cache the answer; nothing calls this per request.
 */
@ApplicationScoped
public class OidcDiscovery {

    static final int MAX_BYTES = 256 * 1024;

    private final Duration timeout;
    private final boolean allowHttp;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    private final BrokerMetrics metrics;

    public OidcDiscovery(BrokerConfig config, BrokerMetrics metrics) {
        this.metrics = metrics;
        this.timeout = config.discoveryTimeout();
        this.allowHttp = config.insecureAllowHttp();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
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
        UrlRules.idpUrlProblem(configUrl, allowHttp).ifPresent(problem -> {
            throw new DiscoveryException("the configuration URL " + problem);
        });
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(configUrl)).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new DiscoveryException("the OpenID configuration URL did not answer within " + timeout.toMillis()
                    + " ms (timeout)");
        } catch (IOException e) {
            throw new DiscoveryException("the OpenID configuration URL is unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while fetching the OpenID configuration");
        }
        JsonNode doc;
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (response.statusCode() != 200) {
                throw new DiscoveryException("the OpenID configuration URL answered HTTP " + response.statusCode());
            }
            if (bytes.length > MAX_BYTES) {
                throw new DiscoveryException("the OpenID configuration is larger than " + MAX_BYTES + " bytes");
            }
            doc = json.readTree(bytes);
        } catch (IOException e) {
            throw new DiscoveryException("the OpenID configuration is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new DiscoveryException("the OpenID configuration is not a JSON object");
        }
        for (String required : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")) {
            if (text(doc, required) == null) {
                throw new DiscoveryException("the OpenID configuration lacks the required field " + required);
            }
        }
        String issuer = text(doc, "issuer");
        String expected = configUrl.replaceFirst("/\\.well-known/openid-configuration/?$", "");
        if (!stripSlash(issuer).equals(stripSlash(expected))) {
            throw new DiscoveryException("the issuer '" + issuer + "' does not match the configuration URL (expected '"
                    + expected + "'): this document belongs to another IdP or tenant");
        }
        return new Metadata(issuer, text(doc, "jwks_uri"), text(doc, "authorization_endpoint"),
                text(doc, "token_endpoint"), text(doc, "userinfo_endpoint"));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    /** Discovery failed; the message says why, for an admin. */
    public static class DiscoveryException extends RuntimeException {
        public DiscoveryException(String message) {
            super(message, null, false, false);
        }
    }
}
