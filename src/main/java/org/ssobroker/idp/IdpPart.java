package org.ssobroker.idp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an IdP document, in the wizard's order: each is either one nested object
 * ({@code oidc}, the mappings, {@code welcome}) or a few top-level fields. Every validation error
 * and warning names its part, so the wizard shows a step its own errors without reading field
 * paths or messages. {@code GROUP_OVERAGE} has no wizard step (its defaults come with the type).
 */
public enum IdpPart {
    BASICS(null, List.of("nameId", "displayName", "authMethod", "emailDomains", "trustUnverifiedEmail")),
    LOGIN_URL(null, List.of("loginUrl", "hideLoginButton", "allowedRedirectUrls")),
    /** {@code oidc}, or {@code saml} for a SAML IdP. */
    DETAILS("oidc", List.of()),
    ATTRIBUTES(null, List.of("attributeMappings")),
    ACCESS_RIGHTS("accessRightMapping", List.of()),
    GROUPS("groupMapping", List.of()),
    DEFAULT_PROPERTIES("defaultUserProperties", List.of()),
    DEFAULT_GROUPS(null, List.of("defaultGroups")),
    WELCOME("welcome", List.of()),
    GROUP_OVERAGE("groupOverage", List.of());

    /** The document property this part is, or null when it is top-level fields. */
    public final String nested;
    /** The top-level fields of this part (empty when it is a nested object). */
    public final List<String> fields;

    IdpPart(String nested, List<String> fields) {
        this.nested = nested;
        this.fields = fields;
    }

    /** The document property this part is in a document of this auth method (the details of a SAML IdP: saml). */
    public String nested(boolean saml) {
        return this == DETAILS && saml ? SAML_DETAILS : nested;
    }

    private static final String SAML_DETAILS = "saml";

    /** The part a field path ({@code oidc.clientId}, {@code attributeMappings[2].claim}) belongs to. */
    public static Optional<IdpPart> ofField(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String top = path.split("[.\\[]", 2)[0];
        return Arrays.stream(values())
                .filter(part -> top.equals(part.nested) || top.equals(part.nested(true)) || part.fields.contains(top))
                .findFirst();
    }
}
