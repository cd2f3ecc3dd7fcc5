package org.ssobroker.wizard;

import org.ssobroker.support.FieldError;

import java.util.List;
import java.util.Map;

/**
 * Defaults per IdP type for the details step. A preset only fills what the admin left empty
 * (config URL, scopes, external user id); every value stays editable.
 */
final class IdpPresets {

    /** The preset inputs the details step accepts besides the oidc fields. */
    static final List<String> INPUTS = List.of("region", "userPoolId", "tenantId", "domain", "authorizationServer",
            "baseUrl", "realm");

    record Defaults(String configUrl, List<String> scopes, String externalUserIdAttribute) {
    }

    private IdpPresets() {
    }

    /** The defaults of a type from its inputs; errors name the inputs still missing. */
    static Defaults defaults(String type, Map<String, String> in, List<FieldError> errors) {
        List<String> profile = List.of("openid", "email", "profile");
        return switch (type == null ? "GENERIC" : type) {
            case "COGNITO" -> new Defaults(needs(in, errors, "region", "userPoolId")
                    ? "https://cognito-idp." + in.get("region") + ".amazonaws.com/" + in.get("userPoolId")
                            + "/.well-known/openid-configuration" : null, List.of("openid", "email"), "email");
            case "ENTRA_ID" -> new Defaults(needs(in, errors, "tenantId")
                    ? "https://login.microsoftonline.com/" + in.get("tenantId") + "/v2.0/.well-known/openid-configuration"
                    : null, profile, "oid");
            // Entra's email is mutable by users and unverified; its object id (oid) is immutable.
            // Google's sub is stable; its email may change. Both identify the person, not an address.
            case "GOOGLE" -> new Defaults("https://accounts.google.com/.well-known/openid-configuration", profile, "sub");
            case "OKTA" -> new Defaults(needs(in, errors, "domain")
                    ? "https://" + in.get("domain") + (blank(in.get("authorizationServer")) ? ""
                            : "/oauth2/" + in.get("authorizationServer")) + "/.well-known/openid-configuration" : null,
                    profile, "email");
            case "KEYCLOAK" -> new Defaults(needs(in, errors, "baseUrl", "realm")
                    ? in.get("baseUrl").replaceAll("/+$", "") + "/realms/" + in.get("realm")
                            + "/.well-known/openid-configuration" : null, profile, "email");
            case "AUTH0" -> new Defaults(needs(in, errors, "domain")
                    ? "https://" + in.get("domain") + "/.well-known/openid-configuration" : null, profile, "email");
            default -> new Defaults(null, List.of("openid", "email"), "email");
        };
    }

    /** What the admin must do at the IdP for this type to work, shown by the details step. */
    static List<String> hints(String type) {
        return switch (type == null ? "GENERIC" : type) {
            case "ENTRA_ID" -> List.of(
                    "Register the callback URL as a Web redirect URI of the app registration, and create a client secret.",
                    "For groups, add the groups claim (Token configuration > Add groups claim); the group mapping then "
                            + "keys by group object id, or by name with groupOverage.resolveNames.",
                    "Users in more than 200 groups get no groups claim (overage): the broker then reads their groups "
                            + "from Microsoft Graph with this app's own credentials. Grant the app the Microsoft Graph "
                            + "application permission GroupMember.Read.All, with admin consent.");
            case "COGNITO" -> List.of("Add the callback URL to the app client's allowed callback URLs; "
                    + "Cognito's groups arrive in the cognito:groups claim.");
            case "GOOGLE" -> List.of("Add the callback URL to the OAuth client's authorized redirect URIs; "
                    + "list your Workspace domains in emailDomains (Google's hd claim is checked against them).");
            default -> List.of("Register the callback URL as a redirect URI of the client at the IdP.");
        };
    }

    /** True when every input is there; else one error per missing input. Only asked when no configUrl is given. */
    private static boolean needs(Map<String, String> in, List<FieldError> errors, String... names) {
        boolean all = true;
        for (String name : names) {
            if (blank(in.get(name))) {
                errors.add(new FieldError("oidc." + name, "is required for this IdP type unless a configUrl is given"));
                all = false;
            }
        }
        return all;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
