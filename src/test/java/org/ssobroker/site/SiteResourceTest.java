package org.ssobroker.site;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSite;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

@QuarkusTest
class SiteResourceTest {

    @Test
    void createsRenamesReadsAndDeletesASite() {
        String key = "s-" + System.nanoTime();
        asPlatform().body(Map.of("name", "Acme Corp")).put("/api/sites/" + key)
                .then().statusCode(201).body("key", equalTo(key)).body("name", equalTo("Acme Corp"));
        asPlatform().body(Map.of("name", "Acme Corp")).put("/api/sites/" + key).then().statusCode(200);
        asPlatform().body(Map.of("name", "Acme Inc")).put("/api/sites/" + key).then().statusCode(200)
                .body("name", equalTo("Acme Inc"));
        asPlatform().get("/api/sites/" + key).then().statusCode(200).body("name", equalTo("Acme Inc"));
        asPlatform().delete("/api/sites/" + key).then().statusCode(204);
        asPlatform().get("/api/sites/" + key).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void deletingASiteDeletesEverythingInIt() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        asPlatform().delete("/api/sites/" + site).then().statusCode(204);
        asPlatform().body(Map.of("name", "Again")).put("/api/sites/" + site).then().statusCode(201);
        asPlatform().get("/api/sites/" + site + "/idps").then().statusCode(200).body("size()", equalTo(0));
        asPlatform().get("/api/sites/" + site + "/groups").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void refusesABadSiteKeyOrName() {
        asPlatform().body(Map.of("name", "Upper")).put("/api/sites/UPPER").then().statusCode(422)
                .body("errors[0].field", equalTo("key"));
        asPlatform().body(Map.of("name", "x".repeat(41))).put("/api/sites/" + "a".repeat(41)).then().statusCode(422);
        asPlatform().body(Map.of()).put("/api/sites/no-name").then().statusCode(422)
                .body("errors[0].field", equalTo("name"));
        asPlatform().body(Map.of("name", "x".repeat(201))).put("/api/sites/long-name").then().statusCode(422)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void accessRightsAndGroupsRoundTrip() {
        String site = newSite();
        asPlatform().body(Map.of("description", "Full access")).put("/api/sites/" + site + "/access-rights/Admin")
                .then().statusCode(201).body("name", equalTo("Admin")).body("description", equalTo("Full access"));
        asPlatform().body(Map.of("description", "Everything")).put("/api/sites/" + site + "/access-rights/Admin")
                .then().statusCode(200).body("description", equalTo("Everything"));
        asPlatform().put("/api/sites/" + site + "/access-rights/Sales Manager").then().statusCode(201)
                .body("description", nullValue());
        asPlatform().get("/api/sites/" + site + "/access-rights").then().statusCode(200)
                .body("name", contains("Admin", "Sales Manager"));
        asPlatform().get("/api/sites/" + site + "/access-rights/Admin").then().statusCode(200)
                .body("description", equalTo("Everything"));

        asPlatform().body(Map.of()).put("/api/sites/" + site + "/groups/Operations").then().statusCode(201);
        asPlatform().get("/api/sites/" + site + "/groups").then().body("name", contains("Operations"));
        asPlatform().delete("/api/sites/" + site + "/groups/Operations").then().statusCode(204);
        asPlatform().get("/api/sites/" + site + "/groups/Operations").then().statusCode(404);
    }

    @Test
    void puttingBackWhatGetReturnedWorksForEveryResource() {
        String site = newSiteWithCatalogs();
        for (String path : java.util.List.of("", "/access-rights/Viewer", "/groups/Everyone", "/login-urls/main")) {
            String before = asPlatform().get("/api/sites/" + site + path).then().statusCode(200).extract().asString();
            String after = asPlatform().body(before).put("/api/sites/" + site + path)
                    .then().statusCode(200).extract().asString();
            org.assertj.core.api.Assertions.assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void groupNamesCannotHoldCommas() {
        String site = newSite();
        asPlatform().body(Map.of()).put("/api/sites/" + site + "/groups/Chile, Bolivia").then().statusCode(422)
                .body("errors[0].message", containsString("comma"));
        asPlatform().body(Map.of()).put("/api/sites/" + site + "/groups/ padded").then().statusCode(422);
    }

    @Test
    void loginUrlsRoundTrip() {
        String site = newSite();
        asPlatform().body(Map.of("title", "Main login")).put("/api/sites/" + site + "/login-urls/main")
                .then().statusCode(201).body("name", equalTo("main")).body("title", equalTo("Main login"))
                .body("url", equalTo(org.ssobroker.support.TestApi.publicBase() + "/site/" + site + "/login/main"));
        asPlatform().body(Map.of("title", "Staff")).put("/api/sites/" + site + "/login-urls/main")
                .then().statusCode(200).body("title", equalTo("Staff"));
        asPlatform().get("/api/sites/" + site + "/login-urls").then().body("name", contains("main"));
        asPlatform().body(Map.of("title", "Bad")).put("/api/sites/" + site + "/login-urls/Main")
                .then().statusCode(422).body("errors[0].field", equalTo("name"));
        asPlatform().body(Map.of()).put("/api/sites/" + site + "/login-urls/other")
                .then().statusCode(422).body("errors[0].field", equalTo("title"));
        asPlatform().delete("/api/sites/" + site + "/login-urls/main").then().statusCode(204);
        asPlatform().get("/api/sites/" + site + "/login-urls/main").then().statusCode(404);
    }
}
