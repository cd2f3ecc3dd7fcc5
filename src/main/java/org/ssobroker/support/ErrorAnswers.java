package org.ssobroker.support;

import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Error answers that are always sent. An exception mapper's own rendering can fail (a value
 * that is no valid header, an entity that does not serialize, a template that does not
 * render); if that escapes, Quarkus writes nothing and the client waits forever. Here every
 * rendering is checked and, failing, replaced by a constant generic 500 of the endpoint
 * family, logged once with a correlation id that the answer carries too.
 */
public final class ErrorAnswers {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private ErrorAnswers() {
    }

    /** How an endpoint answers errors: problem+json, RFC 6749/6750 JSON, or an HTML page. */
    public enum Family {
        API, OAUTH, SITE;

        public static Family of(String path) {
            if (path == null) {
                return API;
            }
            if (path.startsWith("/rest/") || path.startsWith("/oauth/")) {
                return OAUTH;
            }
            // The console's pages answer errors as pages, like the login pages.
            return path.startsWith("/site/") || path.equals("/console") || path.startsWith("/console/") ? SITE : API;
        }
    }

    public static String newCorrelationId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /**
     * The rendered answer, or the family's generic 500 when rendering throws or yields a header
     * value that cannot be written (a control character in it).
     */
    public static Response safely(Family family, Throwable original, Supplier<Response> rendering) {
        Response response;
        try {
            response = rendering.get();
            if (response != null && writable(response)) {
                return response;
            }
        } catch (RuntimeException failure) {
            return fallback(family, original, failure.getClass().getName());
        }
        return fallback(family, original, response == null ? "no response" : "a header value with control characters");
    }

    private static boolean writable(Response response) {
        for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
            if (ControlCharacters.anyIn(header.getKey())
                    || header.getValue().stream().anyMatch(ControlCharacters::anyIn)) {
                return false;
            }
        }
        return true;
    }

    private static Response fallback(Family family, Throwable original, String why) {
        String id = newCorrelationId();
        // Only class names here: the failed exception's own methods may be what failed.
        Log.errorf(original, "Request failed (correlation id %s), and its error answer could not be rendered: %s; "
                + "answered a generic 500", id, why);
        return generic(family, id);
    }

    /** A constant answer: built from literals and a hex id, it cannot fail. */
    public static Response generic(Family family, String correlationId) {
        String message = "The server failed to process the request.";
        return switch (family) {
            case OAUTH -> Response.status(500).type("application/json").header("Cache-Control", "no-store")
                    .header(CORRELATION_HEADER, correlationId)
                    .entity("{\"error\":\"server_error\",\"error_description\":\"" + message
                            + "\",\"correlation_id\":\"" + correlationId + "\"}").build();
            case SITE -> Response.status(500).type("text/html;charset=UTF-8").header("Cache-Control", "no-store")
                    .header(CORRELATION_HEADER, correlationId)
                    .entity("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head>"
                            + "<body><h1>Something went wrong</h1><p>" + message + " Reference: " + correlationId
                            + "</p></body></html>").build();
            case API -> Response.status(500).type(Problem.MEDIA_TYPE).header(CORRELATION_HEADER, correlationId)
                    .entity("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                            + "\"detail\":\"" + message + "\",\"correlationId\":\"" + correlationId + "\"}").build();
        };
    }
}
