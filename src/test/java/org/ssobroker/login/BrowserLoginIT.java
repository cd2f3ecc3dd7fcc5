package org.ssobroker.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BrowserLoginTest} against the packaged application (`./mvnw verify`). */
@QuarkusIntegrationTest
class BrowserLoginIT extends BrowserLoginTest {
}
