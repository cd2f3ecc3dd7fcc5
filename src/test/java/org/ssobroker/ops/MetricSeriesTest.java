package org.ssobroker.ops;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ssobroker.support.TestApi.management;

/** Unauthenticated requests to made-up sites and IdPs leave no lasting state: no new metric series. */
@QuarkusTest
class MetricSeriesTest {

    static final List<Function<String, String>> PATHS = List.of(
            r -> "/site/" + r + "/login/error/" + r + "?error=access_denied",
            r -> "/site/" + r + "/login/oauth2/code/" + r + "?code=" + r + "&state=" + r,
            r -> "/site/" + r + "/oauth2/authorization/" + r,
            r -> "/site/" + r + "/login/" + r);

    @Test
    void aThousandRandomSitePathsAddNoMetricSeries() {
        send(4); // every shape once: its templated series exist from now on
        Set<String> before = series();
        send(1000);
        Set<String> added = new TreeSet<>(series());
        added.removeAll(before);
        assertThat(added).as("series added by 1,000 random /site/... requests").isEmpty();
        String metrics = given().get(management("/q/metrics")).then().statusCode(200).extract().asString();
        assertThat(metrics).contains("uri=\"/site/{site}/login/oauth2/code/{nameId}\"")
                .contains("sso_broker_logins_total{idp=\"unknown\",outcome=\"idp_error\",site=\"unknown\"}");
    }

    private static void send(int count) {
        for (int i = 0; i < count; i++) {
            String random = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            given().redirects().follow(false).get(PATHS.get(i % PATHS.size()).apply(random))
                    .then().statusCode(org.hamcrest.Matchers.lessThan(500));
        }
    }

    /** The series (name and tags, without the value) of the request and broker metrics. */
    private static Set<String> series() {
        return given().get(management("/q/metrics")).then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("http_server_requests") || line.startsWith("sso_broker_"))
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .collect(Collectors.toSet());
    }
}
