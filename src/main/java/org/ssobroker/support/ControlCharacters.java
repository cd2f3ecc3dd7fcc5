package org.ssobroker.support;

/**
 * Control characters in input. NUL cannot be stored at all (PostgreSQL refuses it in text and
 * jsonb), CR/LF end up in headers and mail subjects: no stored or looked-up string carries
 * them, except line breaks and tabs in multi-line texts (templates, XML documents).
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Any control character (C0, DEL, C1), line breaks and tabs included: for names and single-line values. */
    public static boolean anyIn(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }

    /** A control character other than tab, line feed and carriage return: for multi-line texts. */
    public static boolean anyBesidesLineBreaksIn(String text) {
        return text != null && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n'
                && c != '\r');
    }

    /** The text with every control character replaced by a space: for values echoed into headers. */
    public static String blanked(String text) {
        if (!anyIn(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(Character.isISOControl(c) ? ' ' : (char) c));
        return out.toString();
    }
}
