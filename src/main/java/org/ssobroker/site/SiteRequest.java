package org.ssobroker.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of {@code PUT /api/sites/{site}}. */
@JsonIgnoreProperties({"key", "createdAt", "updatedAt"}) // read-only fields of the answer: PUT back what GET returned
public record SiteRequest(String name) {
}
