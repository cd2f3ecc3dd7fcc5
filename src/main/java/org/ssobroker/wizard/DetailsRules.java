package org.ssobroker.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ssobroker.idp.IdpDocument;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.OidcType;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules of the details step: the type's preset ({@link OidcType}) fills what is empty; with a
 * config URL the discovered endpoints are read-only, and a changed config URL clears them
 * (discover again).
 */
final class DetailsRules {

    private static final Pattern PRESET_INPUT = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private DetailsRules() {
    }

    /** Removes the preset inputs (region, tenantId, ...) from the body and returns them, checked. */
    static Map<String, String> takePresetInputs(ObjectNode input, List<FieldError> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : OidcType.allInputs()) {
            JsonNode value = input.remove(name);
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.asText().trim();
            if (!name.equals("baseUrl") && !text.isEmpty() && !PRESET_INPUT.matcher(text).matches()) {
                errors.add(new FieldError("oidc." + name, "must be letters, digits, '.', '_' or '-'"));
            } else if (ControlCharacters.anyIn(text)) {
                errors.add(new FieldError("oidc." + name, "must not contain control characters"));
            }
            values.put(name, text);
        }
        return values;
    }

    /**
     * @param before       the draft's settings before this step
     * @param typeChosen   whether this step's body names the type (missing preset inputs are then errors)
     */
    static IdpDocument apply(OidcSettings before, IdpDocument merged, ObjectNode input, boolean typeChosen,
            Map<String, String> presetInputs, List<FieldError> errors) {
        OidcSettings oidc = merged.oidc();
        OidcType type = OidcType.of(oidc.type()).orElse(OidcType.GENERIC);
        String configUrl = oidc.configUrl() != null ? oidc.configUrl() : type.configUrl(presetInputs).orElse(null);
        if (configUrl == null && typeChosen) {
            type.missingInputs(presetInputs).forEach(name -> errors.add(new FieldError("oidc." + name,
                    "is required for this IdP type unless a configUrl is given")));
        }
        OidcSettings.Endpoints endpoints = oidc.endpoints();
        if (configUrl != null) {
            boolean sameConfigUrl = before != null && configUrl.equals(before.configUrl());
            Map<String, String> kept = new LinkedHashMap<>();
            for (String field : OidcSettings.Endpoints.FIELDS) {
                String previous = sameConfigUrl ? before.endpoints().get(field) : null;
                if (input.has(field) && !Objects.equals(text(input.get(field)), previous)) {
                    errors.add(new FieldError("oidc." + field, "is read-only while configUrl is set: it comes from "
                            + "discovery (clear configUrl to enter it by hand)"));
                }
                kept.put(field, previous);
            }
            endpoints = OidcSettings.Endpoints.of(kept);
        }
        return merged.withOidc(oidc.withEndpoints(endpoints).toBuilder()
                .configUrl(configUrl)
                .clientSecret(null)
                .scopes(oidc.scopes() == null || oidc.scopes().isEmpty() ? type.defaultScopes() : oidc.scopes())
                .externalUserIdAttribute(oidc.externalUserIdAttribute() == null ? type.defaultExternalUserId()
                        : oidc.externalUserIdAttribute())
                .build());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
