package org.ssobroker.support;

/**
 * Something a cache holds changed, here or (through {@link ChangeFeed}) on another replica:
 * an IdP, a site (renamed or deleted: its IdPs and client apps go with it) or a client app
 * (changed, secret rotated, deleted). Caches observe it after commit ({@code AFTER_COMPLETION})
 * and drop what it concerns. {@link #ALL} as name means everything of that subject in the site.
 */
public record Changed(Subject subject, String siteKey, String name, Change change) {

    public static final String ALL = "*";

    public enum Subject { IDP, SITE, CLIENT }

    public enum Change { CREATED, UPDATED, DELETED }

    public static Changed idp(String siteKey, String nameId, Change change) {
        return new Changed(Subject.IDP, siteKey, nameId, change);
    }

    public static Changed site(String siteKey, Change change) {
        return new Changed(Subject.SITE, siteKey, ALL, change);
    }

    public static Changed client(String siteKey, String clientId, Change change) {
        return new Changed(Subject.CLIENT, siteKey, clientId, change);
    }

    /** Whether the cached IdP {@code nameId} of {@code site} is concerned (a site change concerns all its IdPs). */
    public boolean concernsIdp(String site, String nameId) {
        return siteKey.equals(site) && (subject == Subject.SITE
                || subject == Subject.IDP && (ALL.equals(name) || name.equals(nameId)));
    }

    /** Whether a cached client app is concerned (a site change concerns all its apps). */
    public boolean concernsClient(String site, String clientId) {
        return subject == Subject.CLIENT && name.equals(clientId)
                || subject == Subject.SITE && siteKey.equals(site);
    }
}
