package org.ssobroker.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.FakeIdp;

import java.net.URL;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** With room for two IdPs, logging in through three keeps two tenant contexts, and every login works. */
@QuarkusTest
@TestProfile(BoundedTenantCacheTest.TwoIdps.class)
class BoundedTenantCacheTest {

    public static class TwoIdps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sso-broker.idp-cache-size", "2");
        }
    }

    @TestHTTPResource("/")
    URL broker;

    @Inject
    OidcTenantContexts contexts;

    @Test
    void quarkusOidcContextsStayWithinTheCacheSize() throws Exception {
        try (FakeIdp idp = FakeIdp.start()) {
            String site = newSiteWithCatalogs();
            for (String nameId : new String[]{"one", "two", "three"}) {
                ObjectNode doc = cognitoDocument();
                ObjectNode oidc = (ObjectNode) doc.get("oidc");
                oidc.put("configUrl", idp.configUrl());
                oidc.put("clientId", idp.clientId());
                oidc.put("clientSecret", idp.clientSecret());
                asPlatform().body(doc).put("/api/sites/" + site + "/idps/" + nameId).then().statusCode(201);
            }
            for (String nameId : new String[]{"one", "two", "three", "one"}) {
                idp.nextLogin(Map.of("sub", "s-" + nameId, "email", nameId + "@encode.dk"));
                assertThat(login(site, nameId)).as(nameId).isEqualTo(200);
                assertThat(contexts.size()).isBetween(1, 2);
            }
        }
    }

    private int login(String site, String nameId) throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            return browser.getPage(new URL(broker, "/site/" + site + "/oauth2/authorization/" + nameId))
                    .getWebResponse().getStatusCode();
        }
    }
}
