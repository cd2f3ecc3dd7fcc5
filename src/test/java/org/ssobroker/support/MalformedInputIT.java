package org.ssobroker.support;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MalformedInputTest} against the packaged application (`./mvnw verify`). */
@QuarkusIntegrationTest
class MalformedInputIT extends MalformedInputTest {
}
