package org.ssobroker.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ssobroker.idp.OidcSettings;
import org.ssobroker.idp.OidcType;
import org.ssobroker.wizard.WizardStep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A wizard step between its HTML form and the REST wizard's JSON: the form's fields become the
 * step's body (blank is null, an unticked box false, rows become arrays), and a stored step's
 * view becomes the form's values. The wizard validates; this only translates.
 */
final class WizardForms {

    static final List<String> MAPPING_FIELDS = List.of("claim", "keyNode", "valueNode");
    static final List<String> PROPERTY_FIELDS = List.of("accessRight", "portalPage", "skin", "dashboardTheme",
            "language");
    static final List<String> DETAILS_TEXT = List.of("configUrl", "issuer", "jwksUri", "authorizationUrl", "tokenUrl",
            "userInfoUrl", "clientId", "scopes", "externalUserIdAttribute");
    static final List<String> SAML_TEXT = List.of("nameIdFormat", "externalUserIdAttribute");
    /** The SAML switches, and whether each is on when the draft does not say (the validator's defaults). */
    static final Map<String, Boolean> SAML_SWITCHES = orderedSwitches();

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private WizardForms() {
    }

    /** A row of two values (claim and field, attribute and value) with their errors. */
    record Row(String left, String right, String leftError, String rightError) {
    }

    /**
     * The step's JSON body from its form. {@code uploadedNodes}: the element names of an uploaded
     * mapping document; {@code saml}: the draft's IdP speaks SAML (its details step differs).
     */
    static ObjectNode body(WizardStep step, PostedForm form, List<String> uploadedNodes, boolean saml) {
        ObjectNode body = JSON.objectNode();
        if (step == WizardStep.DETAILS && saml) {
            return samlDetails(form);
        }
        switch (step) {
            case BASICS -> {
                texts(body, form, List.of("nameId", "displayName", "authMethod", "emailDomains"));
                body.put("trustUnverifiedEmail", form.checked("trustUnverifiedEmail"));
            }
            case LOGIN_URL -> {
                texts(body, form, List.of("loginUrl"));
                body.put("hideLoginButton", form.checked("hideLoginButton"));
                body.set("allowedRedirectUrls", lines(form.raw("allowedRedirectUrls")));
            }
            case DETAILS -> {
                texts(body, form, List.of("type"));
                // With a config URL the endpoints come from discovery: their read-only fields are not input.
                texts(body, form, form.text("configUrl") == null ? DETAILS_TEXT : DETAILS_TEXT.stream()
                        .filter(f -> !OidcSettings.Endpoints.FIELDS.contains(f)).toList());
                for (String input : OidcType.allInputs()) {
                    if (form.has(input)) {
                        // Blank, not null: a preset input cleared on purpose (null would keep the old one).
                        body.put(input, form.text(input) == null ? "" : form.text(input));
                    }
                }
                if (form.text("clientSecret") != null) {
                    body.put("clientSecret", form.raw("clientSecret"));
                }
                body.put("pkce", form.checked("pkce"));
            }
            case ATTRIBUTES -> {
                ArrayNode rows = body.putArray("attributeMappings");
                rows(form, "claim", "field").forEach(row -> rows.addObject().put("claim", row[0]).put("field", row[1]));
            }
            case ACCESS_RIGHTS, GROUPS -> {
                texts(body, form, MAPPING_FIELDS);
                if (form.file() != null) {
                    body.put("document", form.file());
                    // Nodes picked for the previous document may not exist in this one: pick again.
                    for (String node : List.of("keyNode", "valueNode")) {
                        if (body.hasNonNull(node) && !uploadedNodes.contains(body.get(node).asText())) {
                            body.putNull(node);
                        }
                    }
                }
            }
            case DEFAULT_PROPERTIES -> {
                texts(body, form, PROPERTY_FIELDS);
                ObjectNode attributes = body.putObject("attributes");
                rows(form, "attribute", "value").forEach(row -> attributes.put(row[0], row[1]));
            }
            case DEFAULT_GROUPS -> {
                ArrayNode groups = body.putArray("defaultGroups");
                form.all("group").stream().filter(g -> !g.isBlank()).forEach(groups::add);
            }
            case WELCOME -> {
                body.put("emailEnabled", form.checked("emailEnabled"));
                texts(body, form, List.of("emailSubject"));
                raws(body, form, List.of("emailTemplate", "messageTemplate"));
                body.put("messageEnabled", form.checked("messageEnabled"));
            }
        }
        return body;
    }

    /**
     * A SAML IdP's details: its metadata by URL or as an uploaded file (either replaces the
     * other), the NameID format, the external user id, and the switches.
     */
    private static ObjectNode samlDetails(PostedForm form) {
        ObjectNode body = JSON.objectNode();
        if (form.file() != null) {
            body.put("metadataXml", form.file());
            body.putNull("metadataUrl");
        } else if (form.text("metadataUrl") != null) {
            body.put("metadataUrl", form.text("metadataUrl"));
            body.putNull("metadataXml");
        } else if (form.checked("metadataUploaded")) {
            body.putNull("metadataUrl");   // the uploaded metadata stays
        } else {
            body.putNull("metadataUrl");
            body.putNull("metadataXml");
        }
        texts(body, form, SAML_TEXT);
        SAML_SWITCHES.keySet().forEach(name -> body.put(name, form.checked(name)));
        return body;
    }

    private static Map<String, Boolean> orderedSwitches() {
        Map<String, Boolean> switches = new LinkedHashMap<>();
        switches.put("signAuthnRequest", true);
        switches.put("wantAssertionsSigned", true);
        switches.put("allowIdpInitiated", false);
        switches.put("forceAuthn", false);
        return switches;
    }

    /** The form's values of a stored step (its view), by field name. */
    static Map<String, String> values(WizardStep step, ObjectNode view) {
        return values(step, view, false);
    }

    /** The same; a SAML IdP's switches the draft leaves unset show the validator's defaults. */
    static Map<String, String> values(WizardStep step, ObjectNode view, boolean saml) {
        Map<String, String> values = viewValues(view);
        if (step == WizardStep.DETAILS && saml) {
            SAML_SWITCHES.forEach((name, on) -> values.putIfAbsent(name, on ? "true" : ""));
            JsonNode certificates = view.get("signingCertificates");
            values.put("signingCertificates", String.valueOf(certificates == null ? 0 : certificates.size()));
            values.put("metadataUploaded", view.hasNonNull("metadataXml") ? "true" : "");
            values.remove("metadataXml");
        }
        return values;
    }

    private static Map<String, String> viewValues(ObjectNode view) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = view.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value == null || value.isNull() || value.isObject()) {
                continue;
            }
            String separator = field.getKey().equals("allowedRedirectUrls") ? "\n"
                    : field.getKey().equals("scopes") ? " " : ", ";
            values.put(field.getKey(), value.isArray() ? join(value, separator)
                    : value.isBoolean() ? (value.asBoolean() ? "true" : "") : value.asText());
        }
        return values;
    }

    /** The form's values as posted, for showing the form again with what the admin typed. */
    static Map<String, String> values(PostedForm form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.fields().forEach((name, list) -> {
            if (!list.isEmpty() && !name.equals("clientSecret") && !name.equals("csrf-token")) {
                values.put(name, list.get(0));
            }
        });
        return values;
    }

    /** The two-column rows of a stored step (attribute mappings, default attributes), plus blank ones to fill. */
    static List<Row> rows(WizardStep step, ObjectNode view, Map<String, String> errors) {
        List<Row> rows = new ArrayList<>();
        if (step == WizardStep.ATTRIBUTES && view.get("attributeMappings") instanceof ArrayNode mappings) {
            for (int i = 0; i < mappings.size(); i++) {
                rows.add(new Row(mappings.get(i).path("claim").asText(""), mappings.get(i).path("field").asText(""),
                        errors.get("attributeMappings[" + i + "].claim"),
                        errors.get("attributeMappings[" + i + "].field")));
            }
        } else if (step == WizardStep.DEFAULT_PROPERTIES && view.get("attributes") instanceof ObjectNode attributes) {
            attributes.fields().forEachRemaining(e -> rows.add(new Row(e.getKey(), e.getValue().asText(""), null,
                    null)));
        }
        return withBlanks(rows);
    }

    /** The rows as posted (a refused step shows what was typed), with the errors of their indexes. */
    static List<Row> rows(WizardStep step, PostedForm form, Map<String, String> errors) {
        List<Row> rows = new ArrayList<>();
        String left = step == WizardStep.ATTRIBUTES ? "claim" : "attribute";
        String right = step == WizardStep.ATTRIBUTES ? "field" : "value";
        List<String[]> posted = rows(form, left, right);
        for (int i = 0; i < posted.size(); i++) {
            rows.add(new Row(posted.get(i)[0], posted.get(i)[1],
                    errors.get("attributeMappings[" + i + "].claim"), errors.get("attributeMappings[" + i + "].field")));
        }
        if (step == WizardStep.DEFAULT_PROPERTIES && errors.containsKey("attributes")) {
            rows.add(0, new Row("", "", errors.get("attributes"), null));
        }
        return withBlanks(rows);
    }

    /**
     * The form field an error's JSON path belongs to: the step's nested prefix goes
     * ({@code oidc.clientId} is {@code clientId}), a list's index too ({@code defaultGroups[1]}),
     * except for the rows of attribute mappings, which keep theirs.
     */
    static String formField(WizardStep step, String path) {
        String field = path;
        if (step.nested != null && field.startsWith(step.nested + ".")) {
            field = field.substring(step.nested.length() + 1);
        } else if (step == WizardStep.DETAILS && field.startsWith("saml.")) {
            field = field.substring("saml.".length());   // a SAML IdP's details are its saml object
        }
        if (field.startsWith("attributeMappings[")) {
            return field;
        }
        if (field.startsWith("attributes")) {
            return "attributes";
        }
        return field.replaceAll("\\[\\d+]$", "").replaceAll("\\[\\d+]\\..*$", "");
    }

    /** Whether these endpoint fields come from discovery (read-only while a config URL is set). */
    static boolean endpointsReadOnly(ObjectNode view) {
        return view.path("readOnly").isArray() && view.get("readOnly").size() == OidcSettings.Endpoints.FIELDS.size();
    }

    private static List<Row> withBlanks(List<Row> rows) {
        List<Row> all = new ArrayList<>(rows);
        int blanks = Math.max(2, 4 - rows.size());
        for (int i = 0; i < blanks; i++) {
            all.add(new Row("", "", null, null));
        }
        return all;
    }

    private static List<String[]> rows(PostedForm form, String left, String right) {
        List<String> lefts = form.all(left);
        List<String> rights = form.all(right);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(lefts.size(), rights.size()); i++) {
            String l = i < lefts.size() ? lefts.get(i).strip() : "";
            String r = i < rights.size() ? rights.get(i).strip() : "";
            if (!l.isEmpty() || !r.isEmpty()) {
                rows.add(new String[]{l, r});
            }
        }
        return rows;
    }

    private static void texts(ObjectNode body, PostedForm form, List<String> names) {
        for (String name : names) {
            if (form.has(name)) {
                body.put(name, form.text(name));
            }
        }
    }

    private static void raws(ObjectNode body, PostedForm form, List<String> names) {
        for (String name : names) {
            if (form.has(name)) {
                body.put(name, form.text(name) == null ? null : form.raw(name));
            }
        }
    }

    private static ArrayNode lines(String text) {
        ArrayNode lines = JSON.arrayNode();
        if (text != null) {
            text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        }
        return lines;
    }

    private static String join(JsonNode array, String separator) {
        List<String> parts = new ArrayList<>();
        array.forEach(item -> parts.add(item.asText()));
        return String.join(separator, parts);
    }
}
