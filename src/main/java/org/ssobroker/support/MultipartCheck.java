package org.ssobroker.support;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multipart body needs a boundary the parser can use: Quarkus REST's parser fails with a
 * StringIndexOutOfBoundsException on {@code boundary=} and silently reads nothing without one.
 * Refused here, naming the problem, before the body is parsed. (Truncated bodies and
 * oversized parts are answered by {@link ProblemMappers}.)
 */
public class MultipartCheck {

    private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary\\s*=\\s*(\"[^\"]*\"|[^;\\s]*)",
            Pattern.CASE_INSENSITIVE);
    /** RFC 2046 section 5.1.1: 1 to 70 characters of these, not ending with a space. */
    private static final Pattern VALID = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

    @ServerRequestFilter(priority = Priorities.USER + 200)
    public void check(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return;
        }
        Matcher boundary = BOUNDARY.matcher(type);
        if (!boundary.find()) {
            throw ProblemException.badRequest("Content-Type", "a multipart body needs a boundary parameter");
        }
        String value = boundary.group(1);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!VALID.matcher(value).matches()) {
            throw ProblemException.badRequest("Content-Type", "the multipart boundary must be 1 to 70 letters, "
                    + "digits or '()+_,-./:=? (RFC 2046)");
        }
    }
}
