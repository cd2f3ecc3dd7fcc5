package org.ssobroker.support;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An {@code application/x-www-form-urlencoded} body (UTF-8), parsed here rather than by the
 * framework, whose reader throws a bare {@code IllegalArgumentException} on a broken escape
 * such as {@code %ZZ}: that surfaced as a 500. Here it is a {@link MalformedFormException}
 * the endpoint answers as the client's error, in its own form. Control characters are refused too.
 */
public final class FormBody {

    private FormBody() {
    }

    /** Thrown for a body that is not valid form encoding; the message names the parameter. */
    public static class MalformedFormException extends Exception {
        public MalformedFormException(String message) {
            super(message, null, false, false);
        }
    }

    public static MultivaluedMap<String, String> parse(String body) throws MalformedFormException {
        return parse(body, java.util.Set.of());
    }

    /**
     * @param multiLine parameters that may hold line breaks and tabs (an IdP's base64 broken into
     *                  lines); other control characters are refused in them too
     */
    public static MultivaluedMap<String, String> parse(String body, java.util.Set<String> multiLine)
            throws MalformedFormException {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), null, false);
            form.add(name, equals < 0 ? "" : decode(pair.substring(equals + 1), name, multiLine.contains(name)));
        }
        return form;
    }

    private static String decode(String text, String parameter, boolean multiLine) throws MalformedFormException {
        String decoded;
        try {
            decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedFormException(parameter == null ? "The body is not valid form encoding."
                    : "The " + parameter + " parameter is not valid form encoding.");
        }
        // Only a few fields may break lines; a NUL would reach a lookup (a 500 from PostgreSQL).
        if (multiLine ? ControlCharacters.anyBesidesLineBreaksIn(decoded) : ControlCharacters.anyIn(decoded)) {
            throw new MalformedFormException(parameter == null ? "A parameter name contains control characters."
                    : "The " + parameter + " parameter must not contain control characters.");
        }
        return decoded;
    }
}
