package org.ssobroker.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.TestDb;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.PLATFORM_CLIENT;
import static org.ssobroker.support.TestApi.PLATFORM_SECRET;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** The IdP list of a site with 10,000 IdPs: searched and paged in the database, 25 rows a page. */
@QuarkusTest
class ConsoleIdpListTest {

    @Test
    void tenThousandIdpsAreSearchedAndPaged() {
        String site = newSiteWithCatalogs();
        int inserted = TestDb.update("insert into identity_provider (site_key, name_id, display_name, auth_method, "
                + "login_url_id, oidc_type, client_id, scopes, external_user_id_attribute) "
                + "select ?, 'idp' || lpad(n::text, 5, '0'), 'Provider ' || n, 'OIDC', "
                + "(select id from login_url where site_key = ? and name = 'main'), 'GENERIC', 'client-' || n, "
                + "'[\"openid\"]', 'email' from generate_series(1, 10000) n", site, site);
        assertThat(inserted).isEqualTo(10_000);
        Map<String, String> session = platformSession();

        String first = page(session, "/console/site/" + site + "/idps", "page", "1");
        assertThat(first).contains("10000 IdPs").contains("showing 1–25").contains(">idp00001<").contains(">idp00025<")
                .doesNotContain(">idp00026<").contains("rel=\"next\"");

        String byNameId = page(session, "/console/site/" + site + "/idps", "q", "IDP09999");
        assertThat(byNameId).contains("1 IdP match").contains(">idp09999<");

        String byDisplayName = page(session, "/console/site/" + site + "/idps", "q", "provider 500");
        // Provider 500 and Provider 5000..5009: eleven.
        assertThat(byDisplayName).contains("11 IdPs match").contains(">idp00500<").contains(">idp05009<");

        String last = page(session, "/console/site/" + site + "/idps", "page", "400");
        assertThat(last).contains("showing 9976–10000").contains(">idp10000<").doesNotContain("rel=\"next\"")
                .contains("rel=\"prev\"");

        // LIKE's wildcards are searched for, not used.
        assertThat(page(session, "/console/site/" + site + "/idps", "q", "%")).contains("0 IdPs match");
    }

    /** The page (its speed is the benchmark's: bench/run.sh times the list over the same 10,000 IdPs). */
    private static String page(Map<String, String> session, String path, String parameter, String value) {
        Response page = given().cookies(session).queryParam(parameter, value).get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.asString();
    }

    static Map<String, String> platformSession() {
        String csrf = given().get("/console/sign-in").getCookie("csrf-token");
        Response signedIn = given().redirects().follow(false).cookie("csrf-token", csrf).formParam("csrf-token", csrf)
                .formParam("clientId", PLATFORM_CLIENT).formParam("clientSecret", PLATFORM_SECRET)
                .post("/console/sign-in");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return Map.of(ConsoleSessions.COOKIE, signedIn.getCookie(ConsoleSessions.COOKIE), "csrf-token", csrf);
    }
}
