package org.ssobroker.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Redirects back to an app: parameters appended to its redirect URI's query (RFC 6749 3.1.2), null ones left out. */
public final class AppRedirects {

    private AppRedirects() {
    }

    public static String with(String redirectUri, String... namesAndValues) {
        StringBuilder target = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                target.append(separator).append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return target.toString();
    }
}
