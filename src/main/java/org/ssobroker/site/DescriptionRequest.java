package org.ssobroker.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Optional body of {@code PUT .../access-rights/{name}} and {@code PUT .../groups/{name}}. */
@JsonIgnoreProperties({"name"}) // read-only fields of the answer: PUT back what GET returned
public record DescriptionRequest(String description) {
}
