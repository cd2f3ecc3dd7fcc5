package org.ssobroker.idp;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IdpValidationTest} against the packaged application (`./mvnw verify`). */
@QuarkusIntegrationTest
class IdpValidationIT extends IdpValidationTest {
}
