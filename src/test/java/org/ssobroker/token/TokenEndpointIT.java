package org.ssobroker.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TokenEndpointTest} against the packaged application (`./mvnw verify`). */
@QuarkusIntegrationTest
class TokenEndpointIT extends TokenEndpointTest {
}
