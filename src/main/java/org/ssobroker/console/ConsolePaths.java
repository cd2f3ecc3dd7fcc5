package org.ssobroker.console;

/** Where the console lives. */
public final class ConsolePaths {

    public static final String ROOT = "/console";

    private ConsolePaths() {
    }

    public static boolean isConsole(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }
}
