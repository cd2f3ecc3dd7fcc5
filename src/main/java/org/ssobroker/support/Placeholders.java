package org.ssobroker.support;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The placeholders welcome templates may use; everything else in a template is literal. */
public final class Placeholders {

    public static final Set<String> KNOWN = Set.of("user.name", "user.login", "user.email", "site.name");
    public static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Placeholders() {
    }

    public static Set<String> unknownIn(String template) {
        Set<String> unknown = new LinkedHashSet<>();
        if (template == null) {
            return unknown;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            if (!KNOWN.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
