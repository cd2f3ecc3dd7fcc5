package org.ssobroker.support;

import java.util.List;

/**
 * An error that carries its HTTP meaning; mapped to {@code application/problem+json} by
 * {@link ProblemMappers}. Messages are written for the API's user: no class names, no secrets.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of());
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "Bad Request", "The request is malformed.",
                List.of(new FieldError(field, message)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(422, "Validation failed",
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.", errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    /** The invalid fields (empty when the error is about the request as a whole). */
    public List<FieldError> errors() {
        return errors;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), errors);
    }
}
