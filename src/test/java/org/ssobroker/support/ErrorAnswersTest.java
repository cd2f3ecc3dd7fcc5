package org.ssobroker.support;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ssobroker.support.OAuthException;
import org.ssobroker.support.OAuthExceptionMapper;

import java.lang.reflect.Proxy;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each mapper's own rendering, forced to fail: the request still gets an answer, at worst a generic 500. */
class ErrorAnswersTest {

    private static final ErrorPages PAGES = (status, heading, text) -> Response.status(status).type("text/html")
            .entity("<p>" + text + "</p>").build();
    private static final ErrorPages BROKEN_PAGES = (status, heading, text) -> {
        throw new IllegalStateException("template failed");
    };

    /** A problem whose rendering throws, as a bug in a new exception type would. */
    static final class UnrenderableProblem extends ProblemException {
        UnrenderableProblem() {
            super(400, "Bad Request", "never shown", List.of());
        }

        @Override
        public Problem toProblem() {
            throw new IllegalStateException("rendering failed");
        }
    }

    /** An OAuth error whose description cannot be read. */
    static final class UnrenderableOAuthError extends OAuthException {
        UnrenderableOAuthError() {
            super(400, "invalid_request", "never shown");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("rendering failed");
        }
    }

    static UriInfo path(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[]{UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getPath")) {
                        if (path == null) {
                            throw new IllegalStateException("no path");
                        }
                        return path;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @ParameterizedTest
    @CsvSource({"/api/sites/x, application/problem+json", "/rest/internal/site/x/me, application/json",
            "/oauth/token, application/json", "/site/x/login/main, text/html;charset=UTF-8"})
    void aProblemThatCannotBeRenderedIsAGeneric500OfItsFamily(String path, String type) {
        Response response = new ProblemMappers(PAGES, null).problem(new UnrenderableProblem(), path(path));
        assertGeneric500(response, type);
    }

    @Test
    void anErrorPageThatCannotBeRenderedIsTheConstantPage() {
        Response response = new ProblemMappers(BROKEN_PAGES, null).problem(ProblemException.notFound("No site."),
                path("/site/x/oauth2/authorization/y"));
        assertGeneric500(response, "text/html;charset=UTF-8");
    }

    @Test
    void theUnexpectedMapperAnswersEvenWithoutAPath() {
        Response response = new ProblemMappers(PAGES, null).unexpected(new IllegalStateException("boom"), path(null));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getEntity()).isInstanceOf(Problem.class);
        String id = ((Problem) response.getEntity()).correlationId();
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(response.getHeaderString(ErrorAnswers.CORRELATION_HEADER)).isEqualTo(id);
    }

    @Test
    void theUnexpectedOnTheAppsApiCarriesTheCorrelationIdInOAuthForm() {
        Response response = new ProblemMappers(PAGES, null).unexpected(new IllegalStateException("boom"),
                path("/rest/internal/site/x/me"));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getEntity()).asString().contains("server_error")
                .contains(response.getHeaderString(ErrorAnswers.CORRELATION_HEADER));
    }

    @Test
    void anOAuthErrorThatCannotBeRenderedIsAGeneric500() {
        assertGeneric500(new OAuthExceptionMapper().map(new UnrenderableOAuthError()), "application/json");
    }

    /** The root of the hang: a scope echoed from the path put CR/LF into WWW-Authenticate. */
    @Test
    void aChallengeWithControlCharactersIsBlankedNotDropped() {
        Response response = new OAuthExceptionMapper().map(OAuthException.insufficientScope("site_a\r\nX: y\u0000_admin"));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeaderString("WWW-Authenticate")).doesNotContainPattern("[\\x00-\\x1f]")
                .contains("site_a  X: y _admin");
    }

    @Test
    void aRenderedAnswerWithAnUnwritableHeaderIsReplaced() {
        Response response = ErrorAnswers.safely(ErrorAnswers.Family.API, new IllegalStateException("x"),
                () -> Response.status(400).header("Location", "/a\r\nSet-Cookie: x=y").build());
        assertGeneric500(response, "application/problem+json");
        assertThat(response.getHeaderString("Location")).isNull();
    }

    private static void assertGeneric500(Response response, String type) {
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).isEqualTo(type);
        String id = response.getHeaderString(ErrorAnswers.CORRELATION_HEADER);
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(response.getEntity()).asString().contains(id).doesNotContain("Exception")
                .doesNotContain("rendering failed");
    }
}
