package org.ssobroker.console;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.ProblemException;

/** Builds the frame of a signed-in page: who is signed in, and the site in view. */
@ApplicationScoped
public class ConsoleFrames {

    private final ConsoleCaller caller;
    private final ConsoleDirectory directory;
    private final CsrfTokens csrf;

    public ConsoleFrames(ConsoleCaller caller, ConsoleDirectory directory, CsrfTokens csrf) {
        this.caller = caller;
        this.directory = directory;
        this.csrf = csrf;
    }

    /** A page of a site (the guard checked that the session may see it); 404 when the site is gone. */
    public Frame site(String site, String title, String active) {
        ConsoleSession session = caller.session();
        String name = directory.site(site).map(ConsoleDirectory.SiteInfo::name)
                .orElseThrow(() -> ProblemException.notFound("There is no site '" + site + "'."));
        return new Frame(title, session.name(), session.platform(), site, name, active, null, csrf.current());
    }

    /** A platform page (no site in view). */
    public Frame platform(String title, String active) {
        ConsoleSession session = caller.session();
        if (!session.platform()) {
            throw ProblemException.forbidden("Only platform operators see this page.");
        }
        return new Frame(title, session.name(), true, null, null, active, null, csrf.current());
    }
}
