package org.ssobroker.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A Content-Type or Accept header that is no media type ({@code a/b/c}, {@code application/json,
 * text/html}, an empty Content-Type) made request matching throw an IllegalArgumentException: a 500. Refused first,
 * naming the header.
 */
public class MediaTypeCheck {

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && (contentType.isBlank() || !parses(contentType))) {
            throw ProblemException.badRequest("Content-Type", "is not a media type (type/subtype; parameters)");
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank()) {
            for (String range : accept.split(",")) {
                if (!range.isBlank() && !parses(range.trim())) {
                    throw ProblemException.badRequest("Accept", "is not a list of media ranges");
                }
            }
        }
    }

    private static boolean parses(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
