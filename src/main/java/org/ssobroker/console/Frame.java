package org.ssobroker.console;

import io.quarkus.qute.TemplateData;

/**
 * What every console page's frame shows: the title, who is signed in, the site in view and its
 * navigation (the active entry marked for screen readers too), a one-time notice, and the CSRF
 * token of its forms (null on pages without forms).
 */
@TemplateData
public record Frame(String title, String signedInAs, boolean platform, String site, String siteName, String active,
        String notice, String csrf) {

    public static Frame signedOut(String title, String csrf) {
        return new Frame(title, null, false, null, null, null, null, csrf);
    }

    public Frame withNotice(String text) {
        return new Frame(title, signedInAs, platform, site, siteName, active, text, csrf);
    }

    public boolean signedIn() {
        return signedInAs != null;
    }

    /** "page" on the active navigation entry (aria-current), else null (the attribute is left out). */
    public String current(String entry) {
        return entry.equals(active) ? "page" : null;
    }
}
