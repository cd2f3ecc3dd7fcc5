package org.ssobroker.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The console's pages (templates under {@code templates/console/}, checked at build time) and
 * the headers every page carries: no caching, no framing, scripts from the broker only.
 */
@ApplicationScoped
public class ConsolePages {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: https:; connect-src 'self'; frame-src 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance message(Frame frame, String heading, String text, String linkHref);

        static native TemplateInstance signIn(Frame frame, String next, String siteKey, String error,
                String platformError, String clientId);

        static native TemplateInstance chooseLogin(Frame frame, String site, List<LoginChoice> choices);

        static native TemplateInstance continueTo(Frame frame, String href);
    }

    @io.quarkus.qute.TemplateData
    public record LoginChoice(String title, String href) {
    }

    private final CsrfTokens csrf;

    public ConsolePages(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    public Response message(int status, String heading, String text, String linkHref) {
        return message(status, Frame.signedOut(heading, null), heading, text, linkHref);
    }

    public Response message(int status, Frame frame, String heading, String text, String linkHref) {
        return html(status, Templates.message(frame, heading, text, linkHref));
    }

    public Response signIn(int status, String next, String siteKey, String error, String platformError,
            String clientId) {
        return html(status, Templates.signIn(Frame.signedOut("Sign in", csrf.current()), next, siteKey, error, platformError,
                clientId));
    }

    public Response chooseLogin(String site, String siteName, List<LoginChoice> choices) {
        return html(200, Templates.chooseLogin(Frame.signedOut("Sign in to " + siteName, null), site, choices));
    }

    public Response continueTo(String href) {
        return html(200, Templates.continueTo(Frame.signedOut("Signed in", null), href));
    }

    /** A rendered page with the console's headers. */
    public static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CSP)
                .entity(page.render()).build();
    }
}
