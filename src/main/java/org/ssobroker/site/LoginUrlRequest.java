package org.ssobroker.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of {@code PUT /api/sites/{site}/login-urls/{name}}. */
@JsonIgnoreProperties({"name", "url"}) // read-only fields of the answer: PUT back what GET returned
public record LoginUrlRequest(String title) {
}
