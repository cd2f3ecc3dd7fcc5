package org.ssobroker.login;

import org.ssobroker.support.Identifier;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The browser paths of DESIGN.md, parsed where only a raw path is at hand (tenant resolution). */
public final class LoginPaths {

    private static final Pattern CALLBACK = Pattern.compile("/site/(" + Identifier.SITE_KEY.regex()
            + ")/login/oauth2/code/(" + Identifier.NAME_ID.regex() + ")/?");

    private LoginPaths() {
    }

    /** The (site, nameId) of a callback path. */
    public static Optional<String[]> callback(String path) {
        Matcher matcher = CALLBACK.matcher(path);
        return matcher.matches() ? Optional.of(new String[]{matcher.group(1), matcher.group(2)}) : Optional.empty();
    }

    public static String callbackPath(String site, String nameId) {
        return "/site/" + site + "/login/oauth2/code/" + nameId;
    }

    public static String errorPath(String site, String nameId) {
        return "/site/" + site + "/login/error/" + nameId;
    }

    /** A login page carrying a sealed pending authorization (see {@link PendingAuthorizations}). */
    public static String loginPagePath(String site, String loginUrl, String authz) {
        return "/site/" + site + "/login/" + loginUrl + "?" + PendingAuthorizations.PARAMETER + "="
                + java.net.URLEncoder.encode(authz, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String authorizationPath(String site, String nameId) {
        return "/site/" + site + "/oauth2/authorization/" + nameId;
    }
}
