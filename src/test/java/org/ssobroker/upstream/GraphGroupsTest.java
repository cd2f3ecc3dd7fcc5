package org.ssobroker.upstream;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of group overage: what counts as overage, which next-page links are followed. */
class GraphGroupsTest {

    static final String BASE = "https://graph.microsoft.com/v1.0";

    @Test
    void overageIsAnyOfEntraIdsThreePointers() {
        assertThat(GraphGroups.overage(Map.of("_claim_names", Map.of("groups", "src1")))).isTrue();
        assertThat(GraphGroups.overage(Map.of("hasgroups", true))).isTrue();
        assertThat(GraphGroups.overage(Map.of("hasgroups", "true"))).isTrue();
        assertThat(GraphGroups.overage(Map.of("groups.link", "https://graph.windows.net/x"))).isTrue();

        assertThat(GraphGroups.overage(Map.of("groups", List.of("a")))).isFalse();
        assertThat(GraphGroups.overage(Map.of("_claim_names", Map.of("roles", "src1")))).isFalse();
        assertThat(GraphGroups.overage(Map.of("hasgroups", false))).isFalse();
        assertThat(GraphGroups.overage(Map.of("_claim_names", "groups"))).isFalse();
    }

    @Test
    void aNextPageLinkGivesOnlyItsSkipTokenAndOnlyOnTheConfiguredBase() {
        assertThat(GraphGroups.skipToken(BASE, "oid-1",
                BASE + "/users/oid-1/getMemberObjects?$skiptoken=X%2BY%3D&$top=999")).isEqualTo("X+Y=");
        assertThat(GraphGroups.skipToken(BASE, "oid-1", BASE + "/users/oid-1/getMemberObjects?$skipToken=abc"))
                .isEqualTo("abc");

        for (String elsewhere : List.of("http://169.254.169.254/latest/meta-data?$skiptoken=x",
                "https://graph.microsoft.com.evil.example/v1.0/users/oid-1/getMemberObjects?$skiptoken=x",
                BASE + "/users/oid-2/getMemberObjects?$skiptoken=x",
                BASE + "/users/oid-1/getMemberObjects?$top=5")) {
            assertThatThrownBy(() -> GraphGroups.skipToken(BASE, "oid-1", elsewhere))
                    .isInstanceOf(GraphGroups.GroupsUnavailableException.class)
                    .hasMessageContaining("Microsoft Graph");
        }
    }
}
