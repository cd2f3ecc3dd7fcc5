package org.ssobroker.idp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Fetches an IdP's OpenID configuration (issuer, endpoints) with short timeouts and a size
 * cap. Callers cache the answer; nothing calls this per request.
 */
@ApplicationScoped
public class OidcDiscovery {

    static final int MAX_BYTES = 256 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ObjectMapper json = new ObjectMapper();

    public record Metadata(String issuer, String jwksUri, String authorizationUrl, String tokenUrl,
            String userInfoUrl) {
    }

    /** @throws DiscoveryException with the reason the configuration could not be used */
    public Metadata fetch(String configUrl) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(configUrl)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new DiscoveryException("the OpenID configuration URL did not answer within " + TIMEOUT.toSeconds()
                    + " s");
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
        String issuer = text(doc, "issuer");
        String jwksUri = text(doc, "jwks_uri");
        if (issuer == null || jwksUri == null) {
            throw new DiscoveryException("the OpenID configuration lacks " + (issuer == null ? "issuer" : "jwks_uri"));
        }
        return new Metadata(issuer, jwksUri, text(doc, "authorization_endpoint"), text(doc, "token_endpoint"),
                text(doc, "userinfo_endpoint"));
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
