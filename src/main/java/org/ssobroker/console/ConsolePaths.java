package org.ssobroker.console;

import java.util.regex.Pattern;

/** Where the console lives, and which return paths it accepts. */
public final class ConsolePaths {

    public static final String ROOT = "/console";

    /** A console path (and query) to return to after sign-in: never another host, never a dot segment. */
    private static final Pattern NEXT = Pattern.compile("/console(/[A-Za-z0-9_~%+=&,;:@!$'()*?-]+)*/?(\\?[A-Za-z0-9_~%+=&,;:@!$'()*./?-]*)?");

    private ConsolePaths() {
    }

    public static boolean isConsole(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    /** The path when it is a safe place to return to after sign-in, else null (open redirects stop here). */
    public static String safeNext(String next) {
        return next != null && next.length() <= 500 && NEXT.matcher(next).matches() && !next.contains("//")
                ? next : null;
    }
}
