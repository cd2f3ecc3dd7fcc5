package org.ssobroker.support;

import java.util.regex.Pattern;

/**
 * The kinds of identifier that name things in URLs, each with its one rule. Path parameters are
 * checked against these at the edge ({@link PathParameterCheck}), before any lookup; the
 * features validate the same kinds in bodies and scopes with the same rules.
 */
public enum Identifier {

    SITE_KEY("[a-z0-9-]{1,40}", "must be 1 to 40 lower-case letters, digits or '-'"),
    NAME_ID("[A-Za-z0-9]{1,64}", "must be 1 to 64 English letters or digits (it is used in URLs)"),
    CLIENT_ID("[A-Za-z0-9._-]{1,100}", "must be 1 to 100 letters, digits, '.', '_' or '-'"),
    LOGIN_URL_NAME("[a-z0-9-]{1,60}", "must be 1 to 60 lower-case letters, digits or '-'"),
    /** Access rights and groups: free text, as mapping documents name them. */
    CATALOG_NAME(null, "must be 1 to 100 characters without leading or trailing blanks or control characters"),
    UUID("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "must be a UUID"),
    /** Any other path segment (a wizard step, a catalog kind): short, no control characters. */
    SEGMENT(null, "must be at most 100 characters without control characters");

    private final Pattern pattern;
    private final String rule;

    Identifier(String regex, String rule) {
        this.pattern = regex == null ? null : Pattern.compile(regex);
        this.rule = rule;
    }

    /** The regular expression, for patterns that embed it (e.g. the callback path); only kinds with one. */
    public String regex() {
        if (pattern == null) {
            throw new IllegalStateException(name() + " is not a regular expression");
        }
        return pattern.pattern();
    }

    /** What a valid value looks like, as an error message ("must be ..."). */
    public String rule() {
        return rule;
    }

    public boolean valid(String value) {
        if (value == null) {
            return false;
        }
        return switch (this) {
            case CATALOG_NAME -> !value.isBlank() && value.equals(value.strip()) && value.length() <= 100
                    && !ControlCharacters.anyIn(value);
            case SEGMENT -> value.length() <= 100 && !ControlCharacters.anyIn(value);
            default -> pattern.matcher(value).matches();
        };
    }
}
