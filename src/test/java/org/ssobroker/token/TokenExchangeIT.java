package org.ssobroker.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** {@link TokenExchangeTest} against the packaged application (`./mvnw verify`). */
@QuarkusIntegrationTest
class TokenExchangeIT extends TokenExchangeTest {

    /** The packaged application runs on the system clock: the interval passes for real, within a bounded poll. */
    @Override
    void pastTheJwksRefetchInterval(Runnable check) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(check::run);
    }
}
