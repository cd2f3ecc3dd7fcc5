package org.ssobroker.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Body of {@code PUT /api/sites/{site}}. {@code consoleAccessRights} (optional; left out: kept, or
 * {@code ["Admin"]} for a new site): the access rights whose users may sign in to the site's console.
 */
@JsonIgnoreProperties({"key", "createdAt", "updatedAt"}) // read-only fields of the answer: PUT back what GET returned
public record SiteRequest(String name, List<String> consoleAccessRights) {
}
