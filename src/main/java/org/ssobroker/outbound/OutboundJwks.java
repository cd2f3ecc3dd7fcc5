package org.ssobroker.outbound;

import org.jose4j.http.Response;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * jose4j's JWKS downloads (an IdP's keys, a client app's encryption keys) under the outbound
 * policy. Anything but a 200 fails the refresh, so the keys cached so far stay in use (jose4j
 * keeps them on error) and a redirect is never followed.
 */
public final class OutboundJwks implements SimpleGet {

    private final OutboundFetcher fetcher;

    public OutboundJwks(OutboundFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public SimpleResponse get(String location) throws IOException {
        OutboundFetcher.Answer answer;
        try {
            answer = fetcher.get(location, "application/json");
        } catch (OutboundRefusedException e) {
            throw new IOException("the JWKS was not fetched: " + e.getMessage());
        }
        if (answer.status() != 200) {
            throw new IOException("the JWKS endpoint answered HTTP " + answer.status()
                    + (answer.status() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        return new Response(200, "OK", Map.of("Content-Type", List.of(String.valueOf(answer.contentType()))),
                new String(answer.body(), StandardCharsets.UTF_8));
    }
}
