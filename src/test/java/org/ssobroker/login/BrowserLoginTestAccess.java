package org.ssobroker.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.htmlunit.WebClient;
import org.ssobroker.support.FakeIdp;

import java.util.List;
import java.util.Map;

/** The browser-login helpers of {@link BrowserLoginTest}, for suites in other packages. */
public final class BrowserLoginTestAccess {

    private BrowserLoginTestAccess() {
    }

    public static ObjectNode idpDocument(FakeIdp idp) {
        return BrowserLoginTest.idpDocument(idp);
    }

    public static Map<String, Object> claims(String email, List<String> groups, String accessRight) {
        return BrowserLoginTest.claims(email, groups, accessRight);
    }

    public static WebClient browser() {
        return BrowserLoginTest.browser();
    }
}
