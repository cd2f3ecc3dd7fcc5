package org.ssobroker.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TokenExchangeTest} against the packaged application (`./mvnw verify`). */
@QuarkusIntegrationTest
class TokenExchangeIT extends TokenExchangeTest {
}
