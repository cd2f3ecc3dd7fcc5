package org.ssobroker.console;

import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.ssobroker.support.ProblemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A console form as posted (multipart): its text fields in order, and an uploaded file's text. */
record PostedForm(Map<String, List<String>> fields, String file) {

    static PostedForm of(MultipartFormDataInput input) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String file = null;
        for (Map.Entry<String, Collection<FormValue>> entry : input.getValues().entrySet()) {
            for (FormValue value : entry.getValue()) {
                if (value.isFileItem()) {
                    if ("file".equals(entry.getKey()) && value.getFileName() != null && !value.getFileName().isBlank()) {
                        file = read(value);
                    }
                } else {
                    fields.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(value.getValue());
                }
            }
        }
        return new PostedForm(fields, file);
    }

    private static String read(FormValue value) {
        try {
            try (var in = value.getFileItem().getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw ProblemException.invalid("document", "the uploaded file cannot be read as UTF-8 text");
        }
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The field's first value, trimmed; null when absent or blank. */
    String text(String name) {
        List<String> values = fields.get(name);
        String value = values == null || values.isEmpty() ? null : values.get(0).strip();
        return value == null || value.isEmpty() ? null : value;
    }

    /** The field's first value as typed (templates keep their blanks and line breaks); null when absent. */
    String raw(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    boolean checked(String name) {
        return fields.containsKey(name);
    }

    String action() {
        return text("action");
    }
}
