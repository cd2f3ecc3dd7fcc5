package org.ssobroker.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** {@code sso-broker.token.algorithm=ES256}: the broker's EC key (generated in test) signs its access tokens. */
public class Es256Profile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sso-broker.token.algorithm", "ES256");
    }
}
