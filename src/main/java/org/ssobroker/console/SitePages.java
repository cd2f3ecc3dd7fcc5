package org.ssobroker.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The templates of the site pages (under {@code templates/console/}). */
final class SitePages {

    private SitePages() {
    }

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native TemplateInstance sites(Frame frame, List<ConsoleDirectory.SiteRow> sites,
                ConsoleSiteResource.SiteForm form);

        static native TemplateInstance dashboard(Frame frame, ConsoleDirectory.Counts counts, String issuer,
                String discoveryUrl, ConsoleSiteResource.SiteForm form,
                List<ConsoleSiteResource.AccessChoice> accessChoices);
    }
}
