package org.ssobroker.login;

import org.ssobroker.mapping.EmailDomains;

import java.util.List;

/**
 * A site's login page as stored: its login URL and the IdPs linked to it, by display name.
 * Hidden IdPs get no button but are still reached by email routing.
 */
public record LoginPage(String siteKey, String siteName, String loginUrlName, String title, List<Option> idps) {

    /** An IdP linked to the page. */
    public record Option(String nameId, String displayName, boolean hideLoginButton, List<String> emailDomains) {
    }

    /** The IdPs that get a button. */
    public List<Option> visible() {
        return idps.stream().filter(idp -> !idp.hideLoginButton()).toList();
    }

    /** Whether the page asks for an email address: some IdP (visible or not) is chosen by its domains. */
    public boolean emailRouting() {
        return idps.stream().anyMatch(idp -> !idp.emailDomains().isEmpty());
    }

    /** The IdPs whose email domains accept the address, in page order. */
    public List<Option> accepting(String address) {
        return idps.stream()
                .filter(idp -> !idp.emailDomains().isEmpty() && EmailDomains.allowed(idp.emailDomains(), address))
                .toList();
    }

    /** The page's own path, where its email form posts. */
    public String path() {
        return "/site/" + siteKey + "/login/" + loginUrlName;
    }
}
