package org.ssobroker.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ssobroker.mapping.MappedIdentity;
import org.ssobroker.support.LoginRefusal;
import org.ssobroker.support.TestDb;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ssobroker.support.TestApi.JSON;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * The {@code provision_user} function on its own, through JDBC against the real PostgreSQL: one
 * test per {@link ProvisioningRule}, named after it. One site for all (each test has users of its
 * own); its group catalog is Argentina, Chile, Bolivia, Operations, Quality, Everyone.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionUserFunctionTest {

    private static final String CALL = "select o_user_id, o_created, o_first_login_pending, o_refusal "
            + "from provision_user(?, ?, ?, ?, cast(? as jsonb))";

    @Inject
    UserProvisioner provisioner;

    String site;
    long idpId;

    @BeforeEach
    void setUp() {
        if (site != null) {
            return;
        }
        site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/cognito").then().statusCode(201);
        idpId = TestDb.number("select id from identity_provider where site_key = ? and name_id = 'cognito'", site);
    }

    /** What the function answers. */
    record Outcome(UUID userId, Boolean created, Boolean firstLoginPending, String refusal) {
    }

    @Test
    void everyRuleHasItsTest() {
        Set<String> tests = Arrays.stream(getClass().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).map(Method::getName)
                .collect(java.util.stream.Collectors.toSet());
        for (ProvisioningRule rule : ProvisioningRule.values()) {
            assertThat(tests).as("a test named after %s", rule).contains(testName(rule));
        }
    }

    @Test
    void oneLoginAtATime() throws Exception {
        ObjectNode identity = identity("ada@encode.dk");
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Connection first = TestDb.connection(); Connection other = TestDb.connection()) {
            first.setAutoCommit(false);
            Outcome created = call(first, identity, true);
            long otherPid = number(other, "select pg_backend_pid()");
            // The same first login again, while the first one's transaction is open.
            Future<Outcome> concurrent = second.submit(() -> call(other, identity, true));
            awaitAdvisoryLockWait(otherPid, concurrent);
            first.commit();
            Outcome resynced = concurrent.get(10, TimeUnit.SECONDS);

            assertThat(created.created()).isTrue();
            assertThat(resynced.refusal()).isNull();
            assertThat(resynced.created()).isFalse();
            assertThat(resynced.userId()).isEqualTo(created.userId());
        } finally {
            second.shutdownNow();
        }
        assertThat(users("ada@encode.dk")).isEqualTo(1);
    }

    @Test
    void linkBoundToSubject() {
        ObjectNode identity = identity("bea@encode.dk");
        UUID user = provision(identity).userId();

        // Another account of the IdP now carries the external id.
        Outcome other = provision(identity.deepCopy().put("subject", "someone-else").put("name", "Mallory"));
        assertThat(other.refusal()).isEqualTo(ProvisioningRule.LINK_BOUND_TO_SUBJECT.refusal().orElseThrow().code())
                .isEqualTo("subject_mismatch");
        assertThat(other.userId()).isNull();
        assertThat(column(user, "name")).isEqualTo("Bea Example");
        assertThat(column(user, "version")).isEqualTo("0");

        // A link made before V7 takes the next login's iss and sub.
        TestDb.update("update user_idp_link set issuer = null, subject = null where user_id = ?", user);
        Outcome adopted = provision(identity.deepCopy().put("subject", "sub-2").put("issuer", "https://idp-2.example"));
        assertThat(adopted.refusal()).isNull();
        assertThat(adopted.userId()).isEqualTo(user);
        assertThat(TestDb.text("select issuer || ' ' || subject from user_idp_link where user_id = ?", user))
                .isEqualTo("https://idp-2.example sub-2");
    }

    @Test
    void resyncLinkedUser() {
        ObjectNode identity = identity("cy@encode.dk");
        UUID user = provision(identity, true).userId();

        ObjectNode changed = identity.deepCopy().put("login", "cyril@encode.dk").put("email", "cyril@encode.dk")
                .put("name", "Cyril Example").put("firstName", "Cyril").put("lastName", "Example")
                .put("accessRight", "Admin").put("portalPage", "reports").put("dashboardTheme", "dark")
                .put("language", "da").putNull("skin");
        Outcome resynced = provision(changed, false);

        assertThat(resynced.userId()).isEqualTo(user);
        assertThat(resynced.created()).isFalse();
        assertThat(resynced.firstLoginPending()).as("left as the first login set it").isTrue();
        assertThat(TestDb.text("select concat_ws('|', login, email, name, first_name, last_name, access_right, "
                        + "portal_page, coalesce(skin, 'null'), dashboard_theme, language, version) from app_user where id = ?",
                user)).isEqualTo("cyril@encode.dk|cyril@encode.dk|Cyril Example|Cyril|Example|Admin|reports|null|dark|da|1");
        assertThat(users("cy@encode.dk", "cyril@encode.dk")).isEqualTo(1);
    }

    @Test
    void createAndLink() {
        Outcome withMessage = provision(identity("dan@encode.dk"), true);
        Outcome withoutMessage = provision(identity("eve@encode.dk"), false);

        assertThat(withMessage.refusal()).isNull();
        assertThat(withMessage.created()).isTrue();
        assertThat(withMessage.firstLoginPending()).isTrue();
        assertThat(withoutMessage.created()).isTrue();
        assertThat(withoutMessage.firstLoginPending()).isFalse();
        UUID user = withMessage.userId();
        assertThat(TestDb.text("select concat_ws('|', site_key, login, email, name, first_name, last_name, access_right, "
                        + "portal_page, skin, dashboard_theme, language, version, first_login_pending, "
                        + "created_at = last_login_at) from app_user where id = ?", user))
                .isEqualTo(site + "|dan@encode.dk|dan@encode.dk|Dan Example|Dan|Example|Viewer|home|light|default|en"
                        + "|0|t|t");
        assertThat(TestDb.text("select concat_ws('|', external_user_id, issuer, subject) from user_idp_link "
                + "where user_id = ? and idp_id = ?", user, idpId))
                .isEqualTo("dan@encode.dk|https://idp.example|sub-dan@encode.dk");
    }

    @Test
    void claimUnlinkedUser() {
        ObjectNode identity = identity("fay@encode.dk");
        identity.putArray("idpGroups").add("Argentina");
        UUID user = provision(identity).userId();
        TestDb.update("delete from user_idp_link where user_id = ?", user);   // an admin's unlink

        ObjectNode relinked = identity("fay@encode.dk").put("externalUserId", "fay-2").put("subject", "sub-fay-2")
                .put("name", "Fay Relinked");
        relinked.putArray("idpGroups").add("Chile");
        Outcome claimed = provision(relinked);

        assertThat(claimed.refusal()).isNull();
        assertThat(claimed.created()).isFalse();
        assertThat(claimed.userId()).isEqualTo(user);
        assertThat(column(user, "name")).isEqualTo("Fay Relinked");
        assertThat(column(user, "version")).isEqualTo("1");
        assertThat(TestDb.text("select external_user_id from user_idp_link where user_id = ?", user)).isEqualTo("fay-2");
        assertThat(groups(user, "IDP")).as("the new link does not inherit the old link's groups").isEqualTo("Chile");
    }

    @Test
    void loginTaken() {
        UUID owner = provision(identity("gil@encode.dk")).userId();

        // A first login of another external user with the owner's login.
        Outcome newcomer = provision(identity("gil@encode.dk").put("externalUserId", "gil-other")
                .put("subject", "sub-gil-other"));
        assertThat(newcomer.refusal()).isEqualTo(ProvisioningRule.LOGIN_TAKEN.refusal().orElseThrow().code())
                .isEqualTo("login_taken");
        assertThat(newcomer.userId()).isNull();
        assertThat(TestDb.number("select count(*) from user_idp_link where idp_id = ? and external_user_id = 'gil-other'",
                idpId)).isZero();

        // A re-sync renaming another user onto the owner's login.
        ObjectNode other = identity("hal@encode.dk");
        UUID renamed = provision(other).userId();
        Outcome rename = provision(other.deepCopy().put("login", "gil@encode.dk"));
        assertThat(rename.refusal()).isEqualTo("login_taken");
        assertThat(column(renamed, "login")).isEqualTo("hal@encode.dk");
        assertThat(column(renamed, "version")).isEqualTo("0");
        assertThat(users("gil@encode.dk", "hal@encode.dk")).isEqualTo(2);
        assertThat(owner).isNotEqualTo(renamed);
    }

    @Test
    void attributesMerged() {
        ObjectNode identity = identity("ida@encode.dk");
        identity.putObject("attributes").put("employeeId", "E-1").put("division", "Sales");
        UUID user = provision(identity).userId();

        ObjectNode next = identity.deepCopy();
        next.putObject("attributes").put("division", "Managers").put("costCenter", "42");
        provision(next);

        assertThat(attributes(user)).containsExactlyInAnyOrderEntriesOf(
                Map.of("employeeId", "E-1", "division", "Managers", "costCenter", "42"));
    }

    @Test
    void idpGroupsReplaced() {
        ObjectNode identity = identity("jo@encode.dk");
        identity.putArray("idpGroups").add("Argentina").add("Chile");
        identity.putArray("defaultGroups").add("Everyone");
        UUID user = provision(identity).userId();
        admin(user, "Argentina");
        admin(user, "Quality");

        ObjectNode next = identity.deepCopy();
        next.putArray("idpGroups").add("Chile").add("Bolivia");
        next.putArray("defaultGroups");
        provision(next);

        assertThat(groups(user, "IDP")).isEqualTo("Bolivia,Chile");
        assertThat(groups(user, "ADMIN")).isEqualTo("Argentina,Quality");
        assertThat(groups(user, "DEFAULT")).isEqualTo("Everyone");
    }

    @Test
    void idpGroupsKeptWhenUnknown() {
        ObjectNode identity = identity("kim@encode.dk");
        identity.putArray("idpGroups").add("Argentina").add("Chile");
        UUID user = provision(identity).userId();

        ObjectNode unknown = identity.deepCopy().putNull("idpGroups");
        unknown.putArray("defaultGroups").add("Quality");
        assertThat(provision(unknown).refusal()).isNull();
        assertThat(groups(user, "IDP")).isEqualTo("Argentina,Chile");
        assertThat(groups(user, "DEFAULT")).as("default groups still added").isEqualTo("Quality");

        ObjectNode absent = identity.deepCopy();
        absent.remove("idpGroups");
        provision(absent);
        assertThat(groups(user, "IDP")).isEqualTo("Argentina,Chile");

        // And a first login without known groups creates the user without IdP groups.
        ObjectNode first = identity("lea@encode.dk").putNull("idpGroups");
        Outcome created = provision(first);
        assertThat(created.created()).isTrue();
        assertThat(groups(created.userId(), "IDP")).isNull();
    }

    /** {@link UserProvisioner} passes a MappedIdentity whose idpGroups are null as "unknown". */
    @Test
    void userProvisionerKeepsIdpGroupsForUnknownOnes() {
        ProvisionedUser created = provisioner.provision(site, idpId, mapped("max@encode.dk", Set.of("Argentina")),
                false, null);
        ProvisionedUser resynced = provisioner.provision(site, idpId, mapped("max@encode.dk", null), false, null);

        assertThat(resynced.userId()).isEqualTo(created.userId());
        assertThat(resynced.created()).isFalse();
        assertThat(groups(created.userId(), "IDP")).isEqualTo("Argentina");
    }

    /** {@link UserProvisioner} turns the function's refusal into the one refusal type. */
    @Test
    void userProvisionerAnswersARefusalAsLoginRefusal() {
        provisioner.provision(site, idpId, mapped("ned@encode.dk", Set.of()), false, null);
        MappedIdentity foreign = mapped("ned@encode.dk", Set.of());
        MappedIdentity other = new MappedIdentity(foreign.externalUserId(), foreign.issuer(), "someone-else",
                foreign.login(), foreign.email(), foreign.name(), null, null, null, Set.of(), Set.of(), null, null, null,
                null, Map.of(), null, List.of());

        assertThatThrownBy(() -> provisioner.provision(site, idpId, other, false, null))
                .isInstanceOfSatisfying(LoginRefusal.class, refusal -> assertThat(refusal.reason())
                        .isEqualTo(LoginRefusal.Reason.SUBJECT_MISMATCH))
                .hasMessageContaining("not the one linked to 'ned@encode.dk'");
    }

    @Test
    void defaultGroupsAdded() {
        ObjectNode identity = identity("ola@encode.dk");
        identity.putArray("defaultGroups").add("Everyone");
        UUID user = provision(identity).userId();

        ObjectNode next = identity.deepCopy();
        next.putArray("defaultGroups").add("Quality");
        provision(next);
        assertThat(groups(user, "DEFAULT")).isEqualTo("Everyone,Quality");

        ObjectNode none = identity.deepCopy();
        none.putArray("defaultGroups");
        provision(none);
        assertThat(groups(user, "DEFAULT")).isEqualTo("Everyone,Quality");
    }

    @Test
    void unchangedResyncWritesNothing() {
        ObjectNode identity = identity("ida@encode.dk");
        identity.putArray("idpGroups").add("Chile").add("NotInTheCatalog");
        UUID user = provision(identity).userId();
        String before = TestDb.text("select xmin::text || ' ' || last_login_at::text from app_user where id = ?", user);
        String membershipsBefore = TestDb.text("select string_agg(xmin::text, ',' order by group_name) "
                + "from user_group_membership where user_id = ?", user);

        // The same identity again (the notes differ: they are only shown): no row is written.
        Outcome again = provision(identity.deepCopy().put("notes", "a note test connection shows"));
        assertThat(again.refusal()).isNull();
        assertThat(again.created()).isFalse();
        assertThat(again.userId()).isEqualTo(user);
        assertThat(TestDb.text("select xmin::text || ' ' || last_login_at::text from app_user where id = ?", user))
                .isEqualTo(before);
        assertThat(TestDb.text("select string_agg(xmin::text, ',' order by group_name) from user_group_membership "
                + "where user_id = ?", user)).isEqualTo(membershipsBefore);
        assertThat(column(user, "version")).isEqualTo("0");

        // A change is written.
        provision(identity.deepCopy().put("name", "Ida Changed"));
        assertThat(column(user, "name")).isEqualTo("Ida Changed");
        assertThat(column(user, "version")).isEqualTo("1");

        // A group the catalog gains makes the next unchanged login write it.
        asPlatform().body(java.util.Map.of()).put("/api/sites/" + site + "/groups/NotInTheCatalog").then()
                .statusCode(201);
        provision(identity.deepCopy().put("name", "Ida Changed"));
        assertThat(groups(user, "IDP")).isEqualTo("Chile,NotInTheCatalog");

        // Last seen over an hour ago: the login is recorded even though nothing else changed.
        TestDb.update("update app_user set last_login_at = now() - interval '2 hours' where id = ?", user);
        provision(identity.deepCopy().put("name", "Ida Changed"));
        assertThat(TestDb.text("select (last_login_at > now() - interval '1 minute')::text from app_user where id = ?",
                user)).isEqualTo("true");
    }

    @Test
    void unknownGroupsSkipped() {
        ObjectNode identity = identity("pia@encode.dk");
        identity.putArray("idpGroups").add("Argentina").add("Narnia");
        identity.putArray("defaultGroups").add("Atlantis").add("Everyone");
        Outcome created = provision(identity);

        assertThat(created.refusal()).isNull();
        assertThat(groups(created.userId(), "IDP")).isEqualTo("Argentina");
        assertThat(groups(created.userId(), "DEFAULT")).isEqualTo("Everyone");
    }

    /** A mapped identity as the mapping engine writes it: login and email the external id. */
    private static ObjectNode identity(String email) {
        String first = Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@'));
        ObjectNode identity = JSON.createObjectNode();
        identity.put("externalUserId", email).put("issuer", "https://idp.example").put("subject", "sub-" + email)
                .put("login", email).put("email", email).put("name", first + " Example").put("firstName", first)
                .put("lastName", "Example").put("accessRight", "Viewer").put("portalPage", "home").put("skin", "light")
                .put("dashboardTheme", "default").put("language", "en");
        identity.putObject("attributes");
        identity.putArray("idpGroups");
        identity.putArray("defaultGroups");
        return identity;
    }

    private static MappedIdentity mapped(String email, Set<String> idpGroups) {
        return new MappedIdentity(email, "https://idp.example", "sub-" + email, email, email, "Example", null, null,
                "Viewer", idpGroups, Set.of(), null, null, null, null, Map.of(), null, List.of());
    }

    private Outcome provision(ObjectNode identity) {
        return provision(identity, true);
    }

    private Outcome provision(ObjectNode identity, boolean firstLoginMessage) {
        try (Connection connection = TestDb.connection()) {
            return call(connection, identity, firstLoginMessage);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome call(Connection connection, ObjectNode identity, boolean firstLoginMessage) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement(CALL)) {
            call.setString(1, site);
            call.setLong(2, idpId);
            call.setObject(3, UUID.randomUUID());
            call.setBoolean(4, firstLoginMessage);
            call.setString(5, identity.toString());
            try (ResultSet row = call.executeQuery()) {
                assertThat(row.next()).as("one row").isTrue();
                Outcome outcome = new Outcome(row.getObject(1, UUID.class), (Boolean) row.getObject(2),
                        (Boolean) row.getObject(3), row.getString(4));
                assertThat(row.next()).as("one row only").isFalse();
                return outcome;
            }
        }
    }

    /** Until the other connection waits for the advisory lock (it must not have finished first). */
    private static void awaitAdvisoryLockWait(long pid, Future<?> call) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!"advisory".equals(TestDb.text("select wait_event from pg_stat_activity where pid = ?", (int) pid))) {
            assertThat(call.isDone()).as("the second login waits for the first").isFalse();
            assertThat(Instant.now()).as("the second login waits on the advisory lock").isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** How many users of the site have one of these logins. */
    private long users(String... logins) {
        return TestDb.number("select count(*) from app_user where site_key = ? and login = any (?)", site,
                logins);
    }

    private static String column(UUID user, String column) {
        return TestDb.text("select " + column + "::text from app_user where id = ?", user);
    }

    private static Map<String, Object> attributes(UUID user) {
        try {
            return JSON.readValue(TestDb.text("select attributes::text from app_user where id = ?", user),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's groups of one source, sorted and comma-separated; null for none. */
    private static String groups(UUID user, String source) {
        return TestDb.text("select string_agg(group_name, ',' order by group_name) from user_group_membership "
                + "where user_id = ? and source = ?", user, source);
    }

    private void admin(UUID user, String group) {
        TestDb.update("insert into user_group_membership (user_id, site_key, group_name, source) values (?, ?, ?, 'ADMIN')",
                user, site, group);
    }

    private static String testName(ProvisioningRule rule) {
        String[] words = rule.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
