package org.ssobroker.login;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ssobroker.support.ErrorPages;

import java.util.List;

/** Renders the browser pages. Values are escaped by Qute; the admin's welcome HTML goes into a sandboxed frame. */
@ApplicationScoped
public class LoginPages implements ErrorPages {

    /**
     * The pages under {@code templates/login/}, checked at build time: a parameter renamed here
     * or in a template, or a record field a template reads, fails the build.
     */
    @CheckedTemplate(basePath = "login", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance page(String siteName, String title, List<Button> buttons,
                boolean emailRouting, String formAction, String redirectUri, String authz, String error);

        static native TemplateInstance message(String heading, String message, String hint, String retryHref);

        static native TemplateInstance signedIn(String siteName, UserSummary user, String welcomeMessage,
                String continueHref);

        static native TemplateInstance testConnection(String idpName, String refusal, List<Row> mapping,
                List<String> notes, List<Row> claims);
    }

    @TemplateData
    public record Button(String nameId, String label, String href) {
    }

    @TemplateData
    public record Row(String key, String value) {
    }

    @TemplateData
    public record UserSummary(String login, String email, String name) {
    }

    public Response loginPage(String siteName, String title, List<Button> buttons, boolean emailRouting,
            String formAction, String redirectUri, String authz, String error, int status) {
        return html(status, Templates.page(siteName, title, buttons, emailRouting, formAction, redirectUri, authz,
                error).render());
    }

    @Override
    public Response message(int status, String heading, String text, String hint, String retryHref) {
        return html(status, Templates.message(heading, text, hint, retryHref).render());
    }

    /** The error page of the browser paths, for failures outside a login step (a bad path, a 405, a 500). */
    @Override
    public Response page(int status, String heading, String text) {
        return message(status, heading, text, null, null);
    }

    public Response signedIn(String siteName, UserSummary user, String welcomeMessageHtml, String continueHref) {
        return html(200, Templates.signedIn(siteName, user, welcomeMessageHtml, continueHref).render());
    }

    public Response testConnection(String idpName, String refusal, List<Row> mapping, List<String> notes,
            List<Row> claims) {
        return html(200, Templates.testConnection(idpName, refusal, mapping, notes, claims).render());
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self' "
                        + "about:; img-src 'self' data: https:")
                .entity(body).build();
    }
}
