package org.ssobroker.idp;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The OpenID Connect IdP types, each with what its preset needs and gives: the inputs that build
 * its configuration URL (Cognito's region and pool, Entra's tenant, ...), the default scopes and
 * external user id, and the hints the wizard shows. A preset only fills what the admin left
 * empty; every value stays editable. The one list of types: the validator and the wizard read it.
 */
public enum OidcType {

    COGNITO(List.of("region", "userPoolId"), List.of(), Scopes.BASIC, "email",
            in -> "https://cognito-idp." + in.get("region") + ".amazonaws.com/" + in.get("userPoolId")
                    + "/.well-known/openid-configuration",
            List.of("Add the callback URL to the app client's allowed callback URLs; "
                    + "Cognito's groups arrive in the cognito:groups claim.")),
    // Entra's email is mutable by users and unverified; its object id (oid) is immutable.
    ENTRA_ID(List.of("tenantId"), List.of(), Scopes.PROFILE, "oid",
            in -> "https://login.microsoftonline.com/" + in.get("tenantId") + "/v2.0/.well-known/openid-configuration",
            List.of("Register the callback URL as a Web redirect URI of the app registration, and create a client "
                            + "secret.",
                    "For groups, add the groups claim (Token configuration > Add groups claim); the group mapping then "
                            + "keys by group object id, or by name with groupOverage.resolveNames.",
                    "Users in more than 200 groups get no groups claim (overage): the broker then reads their groups "
                            + "from Microsoft Graph with this app's own credentials. Grant the app the Microsoft Graph "
                            + "application permission GroupMember.Read.All, with admin consent.")),
    // Google's sub is stable; its email may change. Both identify the person, not an address.
    GOOGLE(List.of(), List.of(), Scopes.PROFILE, "sub",
            in -> "https://accounts.google.com/.well-known/openid-configuration",
            List.of("Add the callback URL to the OAuth client's authorized redirect URIs; "
                    + "list your Workspace domains in emailDomains (Google's hd claim is checked against them).")),
    OKTA(List.of("domain"), List.of("authorizationServer"), Scopes.PROFILE, "email",
            in -> "https://" + in.get("domain") + (blank(in.get("authorizationServer")) ? ""
                    : "/oauth2/" + in.get("authorizationServer")) + "/.well-known/openid-configuration",
            Hints.REDIRECT_URI),
    KEYCLOAK(List.of("baseUrl", "realm"), List.of(), Scopes.PROFILE, "email",
            in -> in.get("baseUrl").replaceAll("/+$", "") + "/realms/" + in.get("realm")
                    + "/.well-known/openid-configuration",
            Hints.REDIRECT_URI),
    AUTH0(List.of("domain"), List.of(), Scopes.PROFILE, "email",
            in -> "https://" + in.get("domain") + "/.well-known/openid-configuration", Hints.REDIRECT_URI),
    GENERIC(List.of(), List.of(), Scopes.BASIC, "email", null, Hints.REDIRECT_URI);

    private final List<String> requiredInputs;
    private final List<String> optionalInputs;
    private final List<String> defaultScopes;
    private final String defaultExternalUserId;
    private final Function<Map<String, String>, String> configUrl;
    private final List<String> hints;

    OidcType(List<String> requiredInputs, List<String> optionalInputs, List<String> defaultScopes,
            String defaultExternalUserId, Function<Map<String, String>, String> configUrl, List<String> hints) {
        this.requiredInputs = requiredInputs;
        this.optionalInputs = optionalInputs;
        this.defaultScopes = defaultScopes;
        this.defaultExternalUserId = defaultExternalUserId;
        this.configUrl = configUrl;
        this.hints = hints;
    }

    /** The type of this name (case and surrounding blanks ignored); blank is {@code GENERIC}. */
    public static Optional<OidcType> of(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(GENERIC);
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.name().equals(wanted)).findFirst();
    }

    /** The type names, sorted, as error messages list them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).sorted().toList();
    }

    /** Every preset input of every type, each once. */
    public static List<String> allInputs() {
        Set<String> inputs = new LinkedHashSet<>();
        for (OidcType type : values()) {
            inputs.addAll(type.requiredInputs);
            inputs.addAll(type.optionalInputs);
        }
        return List.copyOf(inputs);
    }

    /** The inputs this type's configuration URL needs that are missing. */
    public List<String> missingInputs(Map<String, String> inputs) {
        return requiredInputs.stream().filter(name -> blank(inputs.get(name))).toList();
    }

    /** The configuration URL built from the inputs; empty for GENERIC or while inputs are missing. */
    public Optional<String> configUrl(Map<String, String> inputs) {
        return configUrl == null || !missingInputs(inputs).isEmpty() ? Optional.empty()
                : Optional.of(configUrl.apply(inputs));
    }

    /** The inputs this type's configuration URL needs. */
    public List<String> requiredInputs() {
        return requiredInputs;
    }

    /** The inputs this type's configuration URL may take. */
    public List<String> optionalInputs() {
        return optionalInputs;
    }

    public List<String> defaultScopes() {
        return defaultScopes;
    }

    public String defaultExternalUserId() {
        return defaultExternalUserId;
    }

    /** What the admin must do at the IdP for this type to work. */
    public List<String> hints() {
        return hints;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static final class Scopes {
        static final List<String> BASIC = List.of("openid", "email");
        static final List<String> PROFILE = List.of("openid", "email", "profile");
    }

    private static final class Hints {
        static final List<String> REDIRECT_URI =
                List.of("Register the callback URL as a redirect URI of the client at the IdP.");
    }
}
