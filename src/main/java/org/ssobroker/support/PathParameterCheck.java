package org.ssobroker.support;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Every path parameter is checked against the rule of its kind before any resource runs, so
 * nothing that breaks it (a NUL, CR/LF, a 5,000-character key) reaches a lookup, SQL, a header
 * or a log line. Runs after authentication: a caller without a valid token still learns only
 * that. The answer is the endpoint family's 400 ({@link ProblemMappers}).
 */
public class PathParameterCheck {

    /** Path parameter names, as the resources declare them, and their kinds. */
    private static final Map<String, Identifier> KINDS = Map.of(
            "site", Identifier.SITE_KEY,
            "nameId", Identifier.NAME_ID,
            "clientId", Identifier.CLIENT_ID,
            "loginUrl", Identifier.LOGIN_URL_NAME,
            "name", Identifier.CATALOG_NAME,
            "draftId", Identifier.UUID,
            "id", Identifier.UUID);

    /** The document's field for the name a PUT writes, where it differs from the parameter's name. */
    private static final Map<String, String> WRITTEN_FIELDS = Map.of("site", "key", "loginUrl", "name");

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        MultivaluedMap<String, String> parameters;
        try {
            parameters = uri.getPathParameters(true);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("path", "is not valid percent-encoded UTF-8");
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            Identifier kind = KINDS.getOrDefault(parameter.getKey(), Identifier.SEGMENT);
            for (String value : parameter.getValue()) {
                if (!kind.valid(value)) {
                    throw refused(parameter.getKey(), value, kind, uri, request);
                }
            }
        }
    }

    private static ProblemException refused(String name, String value, Identifier kind, UriInfo uri,
            ContainerRequestContext request) {
        boolean written = "PUT".equals(request.getMethod()) && kind != Identifier.SEGMENT && kind != Identifier.UUID
                && uri.getPath().endsWith("/" + value);
        return written ? ProblemException.invalid(WRITTEN_FIELDS.getOrDefault(name, name), kind.rule())
                : ProblemException.badRequest(name, kind.rule());
    }
}
