package org.ssobroker.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns every failure into the endpoint family's error: {@code application/problem+json} on the
 * admin API (field errors for bad JSON), RFC 6749/6750 objects on {@code /oauth} and {@code /rest},
 * the error page on {@code /site}; a 500 without internals for the unexpected, logged once with
 * a correlation id the answer carries. Every answer is rendered through {@link ErrorAnswers}, so
 * a mapper that fails still answers. A {@link LoginRefusal} is answered by {@link RefusalAnswers}.
 */
public class ProblemMappers {

    private static final String MULTIPART = "multipart/";

    private final ErrorPages pages;
    private final ConnectionPoolRecovery pool;

    public ProblemMappers(ErrorPages pages, ConnectionPoolRecovery pool) {
        this.pages = pages;
        this.pool = pool;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return answer(e, uri, () -> respond(e.toProblem(), uri));
    }

    /**
     * A refusal that no flow answered itself (the login callback and the exchange do), in its
     * endpoint family's form by that form's one renderer.
     */
    @ServerExceptionMapper
    public Response refused(LoginRefusal e, UriInfo uri) {
        return answer(e, uri, () -> switch (ErrorAnswers.Family.of(pathOf(uri))) {
            case API -> RefusalAnswers.problem(e);
            case OAUTH -> OAuthExceptionMapper.render(
                    RefusalAnswers.oauth(e, RefusalAnswers.TokenError.INVALID_TOKEN));
            case SITE -> RefusalAnswers.page(e, pages, null);
        });
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return answer(e, uri, () -> respond(badRequest(path(e), "unknown field"), uri));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        return answer(e, uri, () -> respond(badRequest(path(e), wrongTypeMessage(e)), uri));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        String message = e instanceof TextInputs.ControlCharacterException ? TextInputs.ControlCharacterException.RULE
                : "invalid value";
        return answer(e, uri, () -> respond(badRequest(path(e), message), uri));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return answer(e, uri, () -> respond(badRequest("body", "malformed JSON"), uri));
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        // A concurrent writer won a uniqueness race the validator had checked.
        return answer(e, uri, () -> respond(ProblemException.conflict(
                "The resource was changed concurrently; retry the request.").toProblem(), uri));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return answer(e, uri, () -> respond(ProblemException.conflict(
                "The resource was changed concurrently; retry the request.").toProblem(), uri));
    }

    /**
     * A form body whose percent escapes do not decode ({@code email=%}). Quarkus REST reads every
     * form before the request filters when one of them needs the form (quarkus-rest-csrf's does),
     * and its decoder throws a bare IllegalArgumentException: the client's error. Any other
     * IllegalArgumentException is the server's.
     */
    @ServerExceptionMapper
    public Response undecodableForm(IllegalArgumentException e, UriInfo uri) {
        boolean formDecoding = java.util.Arrays.stream(e.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(FORM_DECODER));
        if (!formDecoding) {
            return unexpected(e, uri);
        }
        return answer(e, uri, () -> respond(badRequest("body", "is not a valid form: a percent escape does not "
                + "decode"), uri));
    }

    /** Where Quarkus REST decodes form and URL escapes. */
    private static final String FORM_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";

    /**
     * A body that could not be read. For multipart the parser throws a bare IOException on a
     * truncated body (no closing boundary, a part cut short): the client's error.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri, HttpHeaders headers) {
        if (!multipart(headers)) {
            return unexpected(e, uri);
        }
        return answer(e, uri, () -> respond(badRequest("body", "is not a complete multipart body: a part or the "
                + "closing boundary is missing"), uri));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        return answer(e, uri, () -> {
            // Quarkus REST wraps some body-reading failures; answer them as the JSON errors they are.
            if (e.getCause() instanceof JsonMappingException mapping) {
                return mapping instanceof MismatchedInputException mismatch ? wrongType(mismatch, uri)
                        : mapping(mapping, uri);
            }
            if (e.getCause() instanceof JsonProcessingException) {
                return malformed((JsonProcessingException) e.getCause(), uri);
            }
            int status = e.getResponse().getStatus();
            if (status == 413 && multipart(headers)) {
                // The multipart parser's limit on one part (form fields: 2 KB); the whole body's is 1 MB.
                return respond(badRequest("body", "a multipart part is larger than allowed; send the mapping "
                        + "document as the part 'file'"), uri);
            }
            if (status >= 500) {
                return serverError(e, uri);
            }
            Response.Status known = Response.Status.fromStatusCode(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = switch (status) {
                case 404 -> "No resource at this path.";
                case 405 -> "This method is not allowed on this path.";
                case 406 -> "The requested media type is not available; ask for application/json.";
                case 413 -> "The request body is too large.";
                case 415 -> "Unsupported media type; send application/json.";
                default -> title + ".";
            };
            return respond(new Problem("about:blank", title, status, detail, List.of()), uri);
        });
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        return answer(e, uri, () -> serverError(e, uri));
    }

    /** The unexpected: logged once, with the id the answer carries; a database outage is a 503. */
    private Response serverError(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causedBy(e)) {
            // An outage, not a bug: one line without the stack, and the client is told to retry.
            Log.warnf("Database unavailable: %s", e.getClass().getSimpleName());
            pool.connectionFailed();
            return Response.fromResponse(respond(new Problem("about:blank", "Service Unavailable", 503,
                            "The service is temporarily unavailable; retry in a few seconds.", List.of()), uri))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        String id = ErrorAnswers.newCorrelationId();
        Log.errorf(e, "Unexpected error (correlation id %s) on %s", id, pathOf(uri));
        return Response.fromResponse(respond(new Problem("about:blank", "Internal Server Error", 500,
                        "The server failed to process the request.", List.of(), id), uri))
                .header(ErrorAnswers.CORRELATION_HEADER, id).build();
    }

    private static Response answer(Throwable e, UriInfo uri, Supplier<Response> rendering) {
        return ErrorAnswers.safely(ErrorAnswers.Family.of(pathOf(uri)), e, rendering);
    }

    /** Problem documents for the admin API; RFC 6749 error objects on the OAuth-style paths; pages on /site. */
    Response respond(Problem problem, UriInfo uri) {
        String description = problem.errors() == null || problem.errors().isEmpty() ? problem.detail()
                : problem.errors().get(0).field() + ": " + problem.errors().get(0).message();
        switch (ErrorAnswers.Family.of(pathOf(uri))) {
            case OAUTH -> {
                String error = switch (problem.status()) {
                    case 401 -> "invalid_token";
                    case 403 -> "insufficient_scope";
                    case 404 -> "not_found";
                    case 500 -> "server_error";
                    case 503 -> "temporarily_unavailable";
                    default -> "invalid_request";
                };
                Map<String, String> body = new LinkedHashMap<>();
                body.put("error", error);
                body.put("error_description", description == null ? problem.title() : description);
                if (problem.correlationId() != null) {
                    body.put("correlation_id", problem.correlationId());
                }
                return Response.status(problem.status()).type("application/json")
                        .header("Cache-Control", "no-store").entity(body).build();
            }
            case SITE -> {
                String text = description == null ? problem.title() + "." : description;
                return pages.page(problem.status(), problem.title(), problem.correlationId() == null ? text
                        : text + " Reference: " + problem.correlationId());
            }
            default -> {
                return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
            }
        }
    }

    private static String pathOf(UriInfo uri) {
        try {
            return uri == null ? "" : uri.getPath();
        } catch (RuntimeException e) {
            // Without a path the answer is the admin API's form: still an answer.
            return "";
        }
    }

    private static boolean multipart(HttpHeaders headers) {
        String type = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length());
    }

    private static String wrongTypeMessage(MismatchedInputException e) {
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return e instanceof InvalidFormatException ? "invalid value, expected " + expected
                : "wrong type, expected " + expected;
    }

    private static Problem badRequest(String field, String message) {
        return ProblemException.badRequest(field, message).toProblem();
    }

    /** The JSON path of the failing field, e.g. {@code oidc.scopes[0]}. */
    public static String path(JsonMappingException e) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return "body";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

}
