package org.ssobroker.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forced failures inside the running server ({@link FailingResource}): every one is answered
 * within 5 s, at worst with the family's generic 500, and an unexpected error is logged once
 * with the correlation id the answer carries.
 */
@QuarkusTest
class ErrorAnswersServerTest {

    private RawHttp.Answer get(String target) {
        RawHttp http = new RawHttp("localhost", RestAssured.port, Duration.ofSeconds(5));
        RawHttp.Answer answer = http.send(RawHttp.Request.of("GET", target)
                .header("Authorization", "Bearer " + TestApi.platformToken()));
        assertThat(answer.hung()).as("%s: %s", target, answer.failure()).isFalse();
        return answer;
    }

    @ParameterizedTest
    @CsvSource({
            "api,   unrenderable-problem, application/problem+json",
            "rest,  unrenderable-problem, application/json",
            "oauth, unrenderable-oauth,   application/json",
            "rest,  unrenderable-oauth,   application/json",
            "site,  unrenderable-problem, text/html;charset=UTF-8",
            "api,   unexpected,           application/problem+json",
            "rest,  unexpected,           application/json",
            "site,  unexpected,           text/html;charset=UTF-8"})
    void aFailingMapperStillAnswersAGeneric500(String family, String kind, String type) {
        RawHttp.Answer answer = get("/" + (family.equals("site") ? "site/acme" : family) + "/test-failures/" + kind);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("Content-Type")).isEqualTo(type);
        String id = answer.header(ErrorAnswers.CORRELATION_HEADER);
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(answer.body()).contains(id).doesNotContain("Exception").doesNotContain("deliberate");
    }

    /** The original hang: a header value with CR/LF could not be written, and nothing was. */
    @Test
    void aChallengeEchoingControlCharactersIsAnsweredWithoutThem() {
        RawHttp.Answer answer = get("/rest/test-failures/crlf-challenge");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("WWW-Authenticate")).contains("site_a  Set-Cookie: stolen=1");
        assertThat(answer.headers()).doesNotContainKey("set-cookie");
    }

    @Test
    void anUnexpectedErrorIsLoggedOnceWithTheAnswersCorrelationId() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
                records.size();
            }

            @Override
            public void close() {
                records.clear();
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            RawHttp.Answer answer = get("/api/test-failures/unexpected");
            String id = answer.header(ErrorAnswers.CORRELATION_HEADER);
            List<LogRecord> mentioning = records.stream()
                    .filter(r -> formatted(r).contains(id)).toList();
            assertThat(mentioning).hasSize(1);
            assertThat(mentioning.get(0).getThrown()).hasMessageContaining("deliberate failure");
            assertThat(records.stream().filter(r -> r.getThrown() != null
                    && String.valueOf(r.getThrown().getMessage()).contains("deliberate failure for unexpected")))
                    .hasSize(1);
        } finally {
            root.removeHandler(capture);
        }
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        return parameters == null ? message : String.format(message.replace("{0}", "%s"), parameters)
                + " " + java.util.Arrays.toString(parameters);
    }
}
