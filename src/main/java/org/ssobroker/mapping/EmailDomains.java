package org.ssobroker.mapping;

import java.util.List;
import java.util.Locale;

/** The IdP's email-domain allow-list; empty means every domain. */
public final class EmailDomains {

    private EmailDomains() {
    }

    public static boolean allowed(List<String> domains, String email) {
        if (domains == null || domains.isEmpty()) {
            return true;
        }
        if (email == null) {
            return false;
        }
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        return domains.stream().anyMatch(d -> d.toLowerCase(Locale.ROOT).equals(domain));
    }
}
