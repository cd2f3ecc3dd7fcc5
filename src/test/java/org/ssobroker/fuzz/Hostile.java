package org.ssobroker.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** What a hostile client sends: path segments, strings, JSON values, bodies, media types, query strings. */
final class Hostile {

    private Hostile() {
    }

    /** Path segments, already percent-encoded as they go on the request line. */
    static final List<String> SEGMENTS = List.of(
            "%00", "a%00b", "%0d%0a", "a%0d%0aX-Injected:%201", "%0a", "%09", "%1b", "%7f", "%c2%85", "%e2%80%a8",
            "..", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2f", "a%2fb", "%5c", "%25", "%", "%zz", "%c0%af",
            "%ff%fe", "%ed%a0%80", "%ef%bb%bf", "%f0%9f%98%80", "%22%27%3c%3e", "'%20or%201=1--", "%24%7bjndi:x%7d",
            "UPPER", "-", "0", "a;b", "a%3bb", "~", "*", "%20", "%20x%20", "null", "00000000-0000-0000-0000-000000000000",
            "x".repeat(300), "a".repeat(3000), "%c3%a9t%c3%a9", "%d8%a7%d9%84", "x%u0000");

    /** Strings for JSON fields, form values and query values (decoded). */
    static final List<String> STRINGS = List.of(
            "", " ", "\u0000", "a\u0000b", "\r\n", "line\r\nX-Injected: 1", "\u001b[31m", "\u007f", "\u0085",
            "\u2028", "\ufeff", "\ud83d\ude00", "\ud800", "%00", "${jndi:ldap://x}", "${site.name}",
            "<script>alert(1)</script>", "' OR 1=1--", "../../etc/passwd", "https://evil.example/",
            "javascript:alert(1)", "http://169.254.169.254/latest/meta-data", "-1", "1e400", "null",
            "x".repeat(100_000), "\u00e9".repeat(5000), "a,b,,c", "openid email", "Everyone");

    /** JSON values of every wrong type (raw JSON text). */
    static final List<String> JSON_VALUES = List.of(
            "null", "true", "false", "0", "-1", "1e400", "99999999999999999999999", "0.5", "[]", "{}", "[null]",
            "[1,2]", "[[]]", "{\"a\":{}}", "\"\"", "\"x\"", "[\"\\u0000\"]", "{\"\\u0000\":1}",
            "[" + "[".repeat(1200) + "]".repeat(1200) + "]", "{\"a\":".repeat(600) + "1" + "}".repeat(600));

    /** Bodies that are not the JSON they claim to be (bytes, UTF-8 unless said). */
    static byte[] brokenBody(Random random) {
        return switch (random.nextInt(18)) {
            case 0 -> new byte[0];
            case 1 -> utf8("{");
            case 2 -> utf8("{\"a\":");
            case 3 -> utf8("[");
            case 4 -> utf8("nul");
            case 5 -> utf8("{\"a\":1,}");
            case 6 -> utf8("{'a':1}");
            case 7 -> new byte[]{0};
            case 8 -> new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
            case 9 -> new byte[]{(byte) 0xfe, (byte) 0xff, 0, '{', 0, '}'};
            case 10 -> utf8("[".repeat(5000));
            case 11 -> utf8("{\"a\":1,\"a\":2}");
            case 12 -> utf8("NaN");
            case 13 -> utf8("/* c */ {}");
            case 14 -> utf8("{} trailing");
            case 15 -> utf8("\"just a string\"");
            case 16 -> utf8("{\"x\":\"" + "y".repeat(1_100_000) + "\"}");
            default -> utf8("<xml/>");
        };
    }

    static final List<String> CONTENT_TYPES = List.of(
            "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=bogus",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=", "multipart/form-data",
            "multipart/mixed; boundary=x", "application/problem+json", "*/*", "application/json;;", "",
            "application/json, text/html", "application/octet-stream", "text/html; charset=\"", "a/b/c");

    static final List<String> ACCEPTS = List.of(
            "image/png", "application/xml", "*/*;q=abc", "text/html", "application/json;q=0", "", "\u00e9/\u00e9",
            "application/problem+json");

    /** Query strings, as they go on the request line. */
    static final List<String> QUERIES = List.of(
            "%00=%00", "redirect_uri=%00", "redirect_uri=javascript:alert(1)", "redirect_uri=https://evil.example/",
            "test=maybe", "test=true&test=false", "offset=-1&limit=0", "limit=99999999999999999999", "offset=abc",
            "%zz", "a=" + "x".repeat(3000), "a=1&".repeat(400), "name=%0d%0a&login=%00&email=%f0%9f",
            "error=%3cscript%3e&error_description=%00", ";", "&&&", "=", "code=x&state=y", "error=access_denied",
            "limit=1000&offset=2147483647", "redirect_uri=" + "%2e".repeat(100));

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
