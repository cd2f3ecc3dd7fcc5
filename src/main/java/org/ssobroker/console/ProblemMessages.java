package org.ssobroker.console;

import org.ssobroker.support.FieldError;
import org.ssobroker.support.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal of a service as a console form shows it: each message next to its field. */
final class ProblemMessages {

    private ProblemMessages() {
    }

    /**
     * The messages by form field ({@code redirectUris[2]} is the {@code redirectUris} field); a
     * refusal naming no field goes to {@code fallbackField}.
     */
    static Map<String, String> byField(ProblemException e, String fallbackField) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : e.errors()) {
            errors.merge(error.field().replaceAll("\\[\\d+]$", ""), error.message(), (a, b) -> a + "\n" + b);
        }
        if (errors.isEmpty()) {
            errors.put(fallbackField, e.getMessage());
        }
        return errors;
    }

    /** The refusal as one line: the field errors, or the refusal itself (409: in use by these IdPs). */
    static String text(ProblemException e) {
        return e.errors().isEmpty() ? e.getMessage() : String.join("; ", e.errors().stream()
                .map(error -> error.field() + ": " + error.message()).toList());
    }
}
