package org.ssobroker.upstream;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What every typed upstream client shares: built under the outbound policy's rules, answers read bounded. */
final class UpstreamAnswers {

    private UpstreamAnswers() {
    }

    /** A client of {@code api} on {@code url}: no redirects followed, connect and read deadlines. */
    static <T> T client(Class<T> api, String url, Duration timeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .followRedirects(false)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(api);
    }

    /**
     * The body as text, or empty when it is missing or larger than {@code maxChars}; an announced
     * larger body is refused before it is read (a chunked one is bounded by the read deadline).
     */
    static Optional<String> text(Response response, int maxChars) {
        if (response.getLength() > maxChars) {
            return Optional.empty();
        }
        String body = response.readEntity(String.class);
        return body == null || body.length() > maxChars ? Optional.empty() : Optional.of(body);
    }
}
