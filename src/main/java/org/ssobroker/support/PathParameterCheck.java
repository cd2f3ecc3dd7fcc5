package org.ssobroker.support;

import jakarta.ws.rs.Priorities;
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

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(UriInfo uri) {
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
                    throw ProblemException.badRequest(parameter.getKey(), kind.rule());
                }
            }
        }
    }
}
