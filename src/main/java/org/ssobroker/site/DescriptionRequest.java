package org.ssobroker.site;

/** Optional body of {@code PUT .../access-rights/{name}} and {@code PUT .../groups/{name}}. */
public record DescriptionRequest(String description) {
}
