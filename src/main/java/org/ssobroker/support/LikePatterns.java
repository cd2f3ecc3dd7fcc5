package org.ssobroker.support;

import java.util.Locale;

/** SQL LIKE patterns from what a person typed into a search field: its wildcards are searched for, not used. */
public final class LikePatterns {

    /** The escape character of {@link #containing}: queries say {@code escape '\'}. */
    public static final String ESCAPE = "escape '\\'";

    private LikePatterns() {
    }

    /** Lower-case "contains" pattern for {@code lower(column) like ? escape '\'}. */
    public static String containing(String search) {
        String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
