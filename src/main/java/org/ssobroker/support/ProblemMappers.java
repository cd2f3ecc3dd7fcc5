package org.ssobroker.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/**
 * Turns every failure into {@code application/problem+json}: field errors for bad JSON,
 * plain problems for HTTP errors, and a 500 without internals for the unexpected.
 */
public class ProblemMappers {

    private final ConnectionPoolRecovery pool;

    public ProblemMappers(ConnectionPoolRecovery pool) {
        this.pool = pool;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(badRequest(path(e), "unknown field"), uri);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String message = e instanceof InvalidFormatException
                ? "invalid value, expected " + expected
                : "wrong type, expected " + expected;
        return respond(badRequest(path(e), message), uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return respond(badRequest(path(e), "invalid value"), uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return respond(badRequest("body", "malformed JSON"), uri);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        // A concurrent writer won a uniqueness race the validator had checked.
        return respond(ProblemException.conflict("The resource was changed concurrently; retry the request.")
                .toProblem(), uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return respond(ProblemException.conflict("The resource was changed concurrently; retry the request.")
                .toProblem(), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps some body-reading failures; answer them as the JSON errors they are.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return mapping instanceof MismatchedInputException mismatch ? wrongType(mismatch, uri)
                    : mapping(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return malformed((JsonProcessingException) e.getCause(), uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "Request failed");
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
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseUnavailable.causedBy(e)) {
            // An outage, not a bug: one line without the stack, and the client is told to retry.
            Log.warnf("Database unavailable: %s", e.getClass().getSimpleName());
            pool.connectionFailed();
            Response response = respond(new Problem("about:blank", "Service Unavailable", 503,
                    "The service is temporarily unavailable; retry in a few seconds.", List.of()), uri);
            return Response.fromResponse(response)
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        Log.errorf(e, "Unexpected error");
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "The server failed to process the request.", List.of()), uri);
    }

    /** Problem documents for the admin API; RFC 6749 error objects on the OAuth-style paths. */
    static Response respond(Problem problem, UriInfo uri) {
        String path = uri == null ? "" : uri.getPath();
        if (path.startsWith("/rest/") || path.startsWith("/oauth/")) {
            String error = switch (problem.status()) {
                case 401 -> "invalid_token";
                case 403 -> "insufficient_scope";
                case 404 -> "not_found";
                case 500 -> "server_error";
                case 503 -> "temporarily_unavailable";
                default -> "invalid_request";
            };
            String description = problem.errors() == null || problem.errors().isEmpty() ? problem.detail()
                    : problem.errors().get(0).field() + ": " + problem.errors().get(0).message();
            return Response.status(problem.status()).type("application/json")
                    .header("Cache-Control", "no-store")
                    .entity(Map.of("error", error, "error_description", description)).build();
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
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
