package org.ssobroker.support;

/** One invalid input: the JSON path of the field (e.g. {@code oidc.clientId}) and why. */
public record FieldError(String field, String message) {
}
