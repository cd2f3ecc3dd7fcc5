package org.ssobroker.site;

/** Body of {@code PUT /api/sites/{site}/login-urls/{name}}. */
public record LoginUrlRequest(String title) {
}
