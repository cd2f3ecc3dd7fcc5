package org.ssobroker.provisioning;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.idp.WelcomeSettings;

import java.util.Map;

/** Sends the welcome email of a newly provisioned user, after the commit: the admin's template inside our layout. */
@ApplicationScoped
public class WelcomeMailer {

    private final Mailer mailer;

    public WelcomeMailer(Mailer mailer) {
        this.mailer = mailer;
    }

    /** {@code templates/mail/welcome.html}, checked at build time; {@code content} is the admin's substituted HTML. */
    @CheckedTemplate(basePath = "mail")
    static class Templates {

        static native TemplateInstance welcome(String subject, String content, String siteName);
    }

    void onCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserProvisioned event) {
        send(event.idp(), event.user());
    }

    public void send(RegisteredIdp idp, ProvisionedUser user) {
        WelcomeSettings welcome = idp.welcome();
        if (!Boolean.TRUE.equals(welcome.emailEnabled()) || user.email() == null || user.email().isBlank()) {
            return;
        }
        Map<String, String> values = WelcomeTemplates.values(user.name(), user.login(), user.email(), idp.siteName());
        String subject = WelcomeTemplates.subject(welcome.emailSubject(), values);
        String body = Templates.welcome(subject, WelcomeTemplates.html(welcome.emailTemplate(), values), idp.siteName())
                .render();
        try {
            mailer.send(Mail.withHtml(user.email(), subject, body));
        } catch (RuntimeException e) {
            // The login succeeded; a mail server problem must not undo it.
            Log.warnf("Welcome email to user %s of site %s could not be sent: %s", user.userId(), idp.siteKey(),
                    e.getMessage());
        }
    }
}
