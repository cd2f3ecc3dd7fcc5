package org.ssobroker.fuzz;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.FakeIdp;
import org.ssobroker.support.RawHttp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests generated from the service's own OpenAPI document, so a new endpoint is
 * fuzzed without new test code. First every operation once with a valid admin token, none and
 * garbage (a "clean" request: only the credential differs, so the answer is known); then
 * random mutations of paths, queries, bodies, media types and credentials. Every request must
 * be answered within 5 s with a status below 500; without valid credentials the admin and apps'
 * APIs never answer 2xx/3xx (a clean request: exactly 401).
 *
 * <p>Seeded: {@code -Dfuzz.seed=} (default 21); {@code -Dfuzz.requests=} (default 3000; e.g.
 * 50000 for the big run); {@code -Dfuzz.only=} replays one request index of a seed. A failure
 * prints each failing request as a curl command.
 */
@QuarkusTest
class ApiFuzzTest {

    private static final Set<String> BEARER_FAMILIES = Set.of("/api/", "/rest/");
    private static final int REPORTED = 20;

    static FakeIdp idp;

    @BeforeAll
    static void startIdp() {
        idp = FakeIdp.start();
    }

    @AfterAll
    static void stopIdp() {
        idp.close();
    }

    @Test
    void everyOperationAnswersHostileRequestsCleanly() throws Exception {
        long seed = Long.getLong("fuzz.seed", 21);
        int requests = Integer.getInteger("fuzz.requests", 3000);
        Integer only = Integer.getInteger("fuzz.only");

        OpenApi api = OpenApi.load();
        List<OpenApi.Operation> operations = api.operations();
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(30);
        FuzzFixture fixture = new FuzzFixture(idp);
        FuzzRequests generator = new FuzzRequests(api, fixture);
        RawHttp http = new RawHttp("localhost", RestAssured.port, Duration.ofSeconds(5));
        String base = "http://localhost:" + RestAssured.port;

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        int serverErrors = 0;
        int hangs = 0;
        long slowest = 0;
        long started = System.nanoTime();
        int from = only == null ? 0 : only;
        int to = only == null ? requests : only + 1;
        for (int index = from; index < to; index++) {
            FuzzRequests.Fuzzed fuzzed = request(generator, operations, seed, index);
            RawHttp.Answer answer = http.send(fuzzed.request());
            String operation = fuzzed.operation().id();
            perOperation.merge(operation, 1, Integer::sum);
            statuses.merge(answer.status(), 1, Integer::sum);
            slowest = Math.max(slowest, answer.millis());
            String problem = problem(fuzzed, answer);
            if (answer.hung()) {
                hangs++;
            } else if (answer.status() >= 500) {
                serverErrors++;
            }
            if (problem != null && failures.size() < REPORTED) {
                failures.add(String.format("#%d %s as %s%s: %s%n  replay: -Dfuzz.seed=%d -Dfuzz.only=%d%n  %s",
                        index, operation, fuzzed.credential(), fuzzed.clean() ? " (clean)" : "", problem, seed,
                        index, fuzzed.request().curl(base)));
            }
            if (answer.status() >= 200 && answer.status() < 300 && destructive(fuzzed)) {
                fixture.rebuild();
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        String report = String.format("fuzz seed %d: %d requests over %d of %d operations in %d s; %d x 5xx, "
                        + "%d hangs, slowest answer %d ms; statuses %s", seed, to - from, perOperation.size(),
                operations.size(), seconds, serverErrors, hangs, slowest, statuses);
        System.out.println(report);
        Files.writeString(Path.of("target", "fuzz-report.txt"), report + System.lineSeparator());
        if (!failures.isEmpty()) {
            org.junit.jupiter.api.Assertions.fail(report + "\nfailing requests (first " + REPORTED + "):\n"
                    + String.join("\n", failures));
        }
        if (only == null) {
            assertThat(perOperation.keySet()).as("every operation was fuzzed")
                    .containsAll(operations.stream().map(OpenApi.Operation::id).collect(Collectors.toSet()));
        }
    }

    /**
     * Request {@code index} of a seed, the same on every run: first a clean request per operation
     * with each of an admin token, none and garbage; then random ones over all operations in turn.
     */
    private static FuzzRequests.Fuzzed request(FuzzRequests generator, List<OpenApi.Operation> operations, long seed,
            int index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        OpenApi.Operation operation = operations.get(index % operations.size());
        int pass = index / operations.size();
        if (pass < 3) {
            FuzzRequests.Credential credential = List.of(FuzzRequests.Credential.ADMIN, FuzzRequests.Credential.NONE,
                    FuzzRequests.Credential.GARBAGE).get(pass);
            return generator.make(operation, credential, true, random);
        }
        FuzzRequests.Credential[] all = FuzzRequests.Credential.values();
        return generator.make(operation, all[random.nextInt(all.length)], false, random);
    }

    /** What is wrong with the answer, or null. */
    private static String problem(FuzzRequests.Fuzzed fuzzed, RawHttp.Answer answer) {
        if (answer.hung()) {
            return "no answer: " + answer.failure();
        }
        if (answer.status() >= 500) {
            return "status " + answer.status() + " " + abbreviated(answer.body());
        }
        String path = fuzzed.operation().path();
        boolean bearer = BEARER_FAMILIES.stream().anyMatch(path::startsWith);
        if (bearer && !fuzzed.credential().valid()) {
            if (answer.status() < 400) {
                return "status " + answer.status() + " without valid credentials";
            }
            if (fuzzed.clean() && answer.status() != 401) {
                return "status " + answer.status() + " instead of 401 without valid credentials";
            }
        }
        return null;
    }

    /** A 2xx here removed part of the fixture (a DELETE, a wizard save). */
    private static boolean destructive(FuzzRequests.Fuzzed fuzzed) {
        return fuzzed.operation().method().equals("DELETE") || fuzzed.operation().path().endsWith("/save");
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
