package org.ssobroker.provisioning;

import org.ssobroker.support.Placeholders;

import java.util.Map;
import java.util.regex.Matcher;

/**
 * Substitutes the welcome placeholders. Templates are data: nothing but
 * {@code ${user.name}}, {@code ${user.login}}, {@code ${user.email}} and {@code ${site.name}} is
 * replaced, values are HTML-escaped, and unknown placeholders stay as written.
 */
public final class WelcomeTemplates {

    private WelcomeTemplates() {
    }

    public static Map<String, String> values(String name, String login, String email, String siteName) {
        return Map.of("user.name", nullToEmpty(name), "user.login", nullToEmpty(login),
                "user.email", nullToEmpty(email), "site.name", nullToEmpty(siteName));
    }

    /** For HTML bodies: values are escaped. */
    public static String html(String template, Map<String, String> values) {
        return substitute(template, values, true);
    }

    /** For a mail subject: plain text on one line. */
    public static String subject(String template, Map<String, String> values) {
        return substitute(template, values, false).replaceAll("[\\r\\n]+", " ").trim();
    }

    private static String substitute(String template, Map<String, String> values, boolean escape) {
        if (template == null) {
            return "";
        }
        Matcher matcher = Placeholders.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value = values.get(name);
            String replacement = value == null ? matcher.group() : escape ? escapeHtml(value) : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
