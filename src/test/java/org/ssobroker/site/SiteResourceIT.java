package org.ssobroker.site;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SiteResourceTest} against the packaged application (`./mvnw verify`). */
@QuarkusIntegrationTest
class SiteResourceIT extends SiteResourceTest {
}
