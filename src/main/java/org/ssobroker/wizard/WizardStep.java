package org.ssobroker.wizard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The nine steps, in the reference wizard's order. Each owns a part of the IdP document:
 * either some top-level fields, or one nested object ({@code details} is {@code oidc}).
 */
public enum WizardStep {
    BASICS("basics", null, List.of("nameId", "displayName", "authMethod", "emailDomains", "trustUnverifiedEmail")),
    LOGIN_URL("login-url", null, List.of("loginUrl", "hideLoginButton", "allowedRedirectUrls")),
    DETAILS("details", "oidc", List.of()),
    ATTRIBUTES("attributes", null, List.of("attributeMappings")),
    ACCESS_RIGHTS("access-rights", "accessRightMapping", List.of()),
    GROUPS("groups", "groupMapping", List.of()),
    DEFAULT_PROPERTIES("default-properties", "defaultUserProperties", List.of()),
    DEFAULT_GROUPS("default-groups", null, List.of("defaultGroups")),
    WELCOME("welcome", "welcome", List.of());

    public final String path;
    /** The document property this step's body is, or null when it is top-level fields. */
    public final String nested;
    public final List<String> fields;

    WizardStep(String path, String nested, List<String> fields) {
        this.path = path;
        this.nested = nested;
        this.fields = fields;
    }

    public static Optional<WizardStep> of(String path) {
        return Arrays.stream(values()).filter(step -> step.path.equals(path)).findFirst();
    }

    /** Whether a validation error of this field path belongs to this step. */
    public boolean owns(String field) {
        if (nested != null) {
            return field.equals(nested) || field.startsWith(nested + ".") || field.startsWith(nested + "[");
        }
        return fields.stream().anyMatch(f -> field.equals(f) || field.startsWith(f + ".") || field.startsWith(f + "["));
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(step -> step.path).toList();
    }
}
