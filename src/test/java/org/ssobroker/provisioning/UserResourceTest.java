package org.ssobroker.provisioning;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.ssobroker.idp.IdentityProvider;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSite;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/** Users are written by provisioning (a later issue); here they are inserted directly and read back. */
@QuarkusTest
class UserResourceTest {

    @Test
    void listsAndGetsUsersWithTheirGroupsAttributesAndIdpLinks() {
        String site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        UUID john = insertUser(site, "john@encode.dk", "Agency User", "Operations", "E-1");
        insertUser(site, "anna@encode.dk", "Viewer", "Everyone", "E-2");

        asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200)
                .body("login", contains("anna@encode.dk", "john@encode.dk"));
        asPlatform().get("/api/sites/" + site + "/users?limit=1&offset=1").then().statusCode(200)
                .body("login", contains("john@encode.dk"));
        asPlatform().get("/api/sites/" + site + "/users/" + john).then().statusCode(200)
                .body("id", equalTo(john.toString()))
                .body("email", equalTo("john@encode.dk"))
                .body("firstName", equalTo("John"))
                .body("accessRight", equalTo("Agency User"))
                .body("groups", contains("Operations"))
                .body("attributes.employeeId", equalTo("E-1"))
                .body("idps[0].nameId", equalTo("cognito"))
                .body("idps[0].externalUserId", equalTo("john@encode.dk"));
    }

    @Test
    void unknownUsersAndBadPagingAreClearErrors() {
        String site = newSite();
        asPlatform().get("/api/sites/" + site + "/users/" + UUID.randomUUID()).then().statusCode(404);
        asPlatform().get("/api/sites/" + site + "/users/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        asPlatform().get("/api/sites/" + site + "/users?limit=0").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        asPlatform().get("/api/sites/" + site + "/users?offset=-1").then().statusCode(400);
        asPlatform().get("/api/sites/" + site + "/users?limit=abc").then().statusCode(404);
    }

    @Test
    void aUserOfAnotherSiteIsNotFound() {
        String siteA = newSiteWithCatalogs();
        String siteB = newSite();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + siteA + "/idps/cognito").then().statusCode(201);
        UUID user = insertUser(siteA, "x@encode.dk", "Viewer", "Everyone", "E-3");
        asPlatform().get("/api/sites/" + siteB + "/users/" + user).then().statusCode(404);
    }

    private static UUID insertUser(String site, String email, String accessRight, String group, String employeeId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            AppUser user = new AppUser();
            user.id = UUID.randomUUID();
            user.siteKey = site;
            user.login = email;
            user.email = email;
            user.name = "John Doe";
            user.firstName = "John";
            user.lastName = "Doe";
            user.accessRight = accessRight;
            user.attributes = Map.of("employeeId", employeeId);
            user.createdAt = Instant.now();
            user.persist();
            UserGroupMembership membership = new UserGroupMembership();
            membership.userId = user.id;
            membership.siteKey = site;
            membership.groupName = group;
            membership.source = GroupSource.IDP;
            membership.persist();
            UserIdpLink link = new UserIdpLink();
            link.userId = user.id;
            link.idpId = IdentityProvider.find(site, "cognito").orElseThrow().id;
            link.externalUserId = email;
            link.linkedAt = Instant.now();
            link.persist();
            return user.id;
        });
    }
}
