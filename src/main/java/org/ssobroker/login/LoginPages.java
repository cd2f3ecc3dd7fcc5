package org.ssobroker.login;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ssobroker.support.ErrorPages;

import java.util.List;

/** Renders the browser pages. Values are escaped by Qute; the admin's welcome HTML goes into a sandboxed frame. */
@ApplicationScoped
public class LoginPages implements ErrorPages {

    private final Template page;
    private final Template message;
    private final Template signedIn;
    private final Template testConnection;

    public LoginPages(@Location("login/page.html") Template page, @Location("login/message.html") Template message,
            @Location("login/signed-in.html") Template signedIn,
            @Location("login/test-connection.html") Template testConnection) {
        this.page = page;
        this.message = message;
        this.signedIn = signedIn;
        this.testConnection = testConnection;
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
        return html(status, page.data("siteName", siteName).data("title", title).data("buttons", buttons)
                .data("emailRouting", emailRouting).data("formAction", formAction).data("redirectUri", redirectUri)
                .data("authz", authz)
                .data("error", error).render());
    }

    @Override
    public Response message(int status, String heading, String text, String hint, String retryHref) {
        return html(status, message.data("heading", heading).data("message", text).data("hint", hint)
                .data("retryHref", retryHref).render());
    }

    /** The error page of the browser paths, for failures outside a login step (a bad path, a 405, a 500). */
    @Override
    public Response page(int status, String heading, String text) {
        return message(status, heading, text, null, null);
    }

    public Response signedIn(String siteName, UserSummary user, String welcomeMessageHtml, String continueHref) {
        return html(200, signedIn.data("siteName", siteName).data("user", user)
                .data("welcomeMessage", welcomeMessageHtml).data("continueHref", continueHref).render());
    }

    public Response testConnection(String idpName, String refusal, List<Row> mapping, List<String> notes,
            List<Row> claims) {
        return html(200, testConnection.data("idpName", idpName).data("refusal", refusal).data("mapping", mapping)
                .data("notes", notes).data("claims", claims).render());
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
