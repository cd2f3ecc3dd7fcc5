package org.ssobroker.upstream;

import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The least time between two JWKS downloads of one IdP, timed by the broker's {@link Clock}
 * (jose4j's own reprieve reads the system clock, which a test cannot move). Within
 * {@code minRefresh} of the last download that held keys, a refetch (an unknown kid) gets that
 * download again without a request. jose4j calls this under its refresh lock, so concurrent
 * unknown kids still wait for one download and share it.
 */
final class JwksReprieve implements SimpleGet {

    private final SimpleGet download;
    private final Duration minRefresh;
    private final Clock clock;
    private volatile Downloaded last;

    private record Downloaded(SimpleResponse response, Instant at) {
    }

    JwksReprieve(SimpleGet download, Duration minRefresh, Clock clock) {
        this.download = download;
        this.minRefresh = minRefresh;
        this.clock = clock;
    }

    @Override
    public SimpleResponse get(String location) throws IOException {
        Instant now = clock.instant();
        Downloaded previous = last;
        if (previous != null && now.isBefore(previous.at().plus(minRefresh))) {
            return previous.response();
        }
        SimpleResponse response = download.get(location);
        if (hasKeys(response)) {
            // Like jose4j: a set without keys is fetched again at once, since nothing can verify with it.
            last = new Downloaded(response, now);
        }
        return response;
    }

    private static boolean hasKeys(SimpleResponse response) {
        try {
            return !new JsonWebKeySet(response.getBody()).getJsonWebKeys().isEmpty();
        } catch (JoseException e) {
            // jose4j refuses the same body with its reason; nothing to remember.
            return false;
        }
    }
}
