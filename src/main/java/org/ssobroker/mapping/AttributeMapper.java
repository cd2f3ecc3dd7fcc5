package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * Copies claims into user fields: the standard OpenID claims by default (email, name,
 * given_name, family_name), then the admin's attribute mappings, which win. Fields other
 * than login, email, name, firstName and lastName are custom attributes.
 */
@ApplicationScoped
public class AttributeMapper implements ClaimMapper {

    private static final int MAX_VALUE = 2000;

    @Override
    public String id() {
        return "attributes";
    }

    @Override
    public String label() {
        return "Attribute mapping";
    }

    @Override
    public String helpText() {
        return "Copies an IdP claim (namespaced claims such as custom:aws_id work as written) into a user field "
                + "or custom attribute. Arrays are joined with commas; objects cannot be mapped.";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void map(Claims claims, MappingRules rules, MappedIdentityBuilder identity) {
        if (identity.emailVerified) {
            claims.text("email").ifPresent(v -> identity.email = v);
        }
        claims.text("name").ifPresent(v -> identity.name = v);
        claims.text("given_name").ifPresent(v -> identity.firstName = v);
        claims.text("family_name").ifPresent(v -> identity.lastName = v);
        for (AttributeMapping mapping : rules.attributeMappings()) {
            var value = claims.text(mapping.claim());
            if (value.isEmpty()) {
                identity.notes.add(claims.isObject(mapping.claim())
                        ? "claim '" + mapping.claim() + "' is an object and cannot be mapped to " + mapping.field()
                        : "claim '" + mapping.claim() + "' was not sent; " + mapping.field() + " is left as is");
                continue;
            }
            String text = value.get().length() > MAX_VALUE ? value.get().substring(0, MAX_VALUE) : value.get();
            // Mapping another claim (e.g. Entra's admin-managed upn) to the email is the admin's call;
            // the IdP's own email claim counts only verified, however it is mapped.
            if ("email".equals(mapping.claim()) && !identity.emailVerified) {
                identity.notes.add("claim 'email' is not used: the IdP did not verify it (email_verified)");
                continue;
            }
            set(identity, mapping.field(), text);
        }
        if (identity.login == null) {
            identity.login = identity.email != null ? identity.email : identity.externalUserId;
        }
        if (identity.name == null && (identity.firstName != null || identity.lastName != null)) {
            identity.name = String.join(" ", nonNull(identity.firstName), nonNull(identity.lastName)).trim();
        }
    }

    private static void set(MappedIdentityBuilder identity, String field, String value) {
        switch (field) {
            case "login" -> identity.login = value;
            case "email" -> identity.email = value;
            case "name" -> identity.name = value;
            case "firstName" -> identity.firstName = value;
            case "lastName" -> identity.lastName = value;
            default -> identity.attributes.put(field, value);
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

}
