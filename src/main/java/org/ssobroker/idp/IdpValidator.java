package org.ssobroker.idp;

import org.ssobroker.mapping.AttributeMapping;
import org.ssobroker.mapping.DefaultUserProperties;
import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.mapping.ClaimValueMapping;
import org.ssobroker.mapping.MappingDocument;
import org.ssobroker.mapping.MappingDocumentException;
import org.ssobroker.mapping.MappingDocumentParser;
import org.ssobroker.mapping.MappingRule;
import org.ssobroker.outbound.OutboundPolicy;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.ControlCharacters;
import org.ssobroker.support.Identifier;
import org.ssobroker.support.Placeholders;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;
import org.ssobroker.support.UrlRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one validator of IdP documents, used by CI's {@code PUT} and by the wizard. It checks
 * every rule, collects every failure with the JSON path of its field, and returns the
 * document with defaults applied and the mapping documents parsed into tables.
 */
@ApplicationScoped
public class IdpValidator {

    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email");
    public static final String DEFAULT_EXTERNAL_USER_ID = "email";
    /** User fields an attribute mapping may write besides custom attributes. */
    public static final Set<String> USER_FIELDS = Set.of("login", "email", "name", "firstName", "lastName");

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");
    private static final int TEXT_MAX = 200;
    private static final String SINGLE_LINE = "must be one line without control characters";

    private final BrokerConfig config;
    private final PublicUrls urls;
    private final MappingDocumentParser parser;
    private final OutboundPolicy outbound;
    private final SamlMetadataReader samlMetadata;

    public IdpValidator(BrokerConfig config, PublicUrls urls, MappingDocumentParser parser, OutboundPolicy outbound,
            SamlMetadataReader samlMetadata) {
        this.config = config;
        this.samlMetadata = samlMetadata;
        this.outbound = outbound;
        this.urls = urls;
        this.parser = parser;
    }

    /** @throws ProblemException 422 naming every invalid field */
    public ValidatedIdp validate(IdpDocument doc, IdpValidationContext ctx) {
        Evaluation evaluation = evaluate(doc, ctx);
        if (!evaluation.errors().isEmpty()) {
            throw ProblemException.invalid(evaluation.errors().stream().map(InvalidField::toFieldError).toList());
        }
        return evaluation.result();
    }

    /**
     * Every failure, and the document normalized as far as it could be (a part with errors is
     * left as given or empty). The wizard keeps the errors of the step at hand.
     */
    public record Evaluation(ValidatedIdp result, List<InvalidField> errors) {
    }

    public Evaluation evaluate(IdpDocument doc, IdpValidationContext ctx) {
        Errors errors = new Errors();

        String nameId = nameId(doc.nameId(), ctx, errors);
        String displayName = requiredText("displayName", doc.displayName(), errors);
        String authMethod = authMethod(doc.authMethod(), errors);
        List<String> emailDomains = emailDomains(doc.emailDomains(), errors);
        String loginUrl = requiredText("loginUrl", doc.loginUrl(), errors);
        if (loginUrl != null && !ctx.loginUrls().contains(loginUrl)) {
            errors.add("loginUrl", "no login URL '" + loginUrl + "' in this site; create it first");
        }
        List<String> redirectUrls = redirectUrls(doc.allowedRedirectUrls(), errors);
        boolean saml = RegisteredIdp.SAML.equals(authMethod);
        OidcSettings oidc = saml ? null : oidc(doc.oidc(), errors);
        SamlSettings samlSettings = saml ? saml(doc.saml(), errors) : null;
        List<AttributeMapping> attributes = attributeMappings(doc.attributeMappings(), errors);
        ClaimValueMapping accessRights = valueMapping("accessRightMapping", doc.accessRightMapping(), false,
                ctx.accessRights(), "access right", errors);
        ClaimValueMapping groups = valueMapping("groupMapping", doc.groupMapping(), true,
                ctx.groups(), "group", errors);
        DefaultUserProperties defaults = defaultProperties(doc.defaultUserProperties(), ctx, errors);
        List<String> defaultGroups = defaultGroups(doc.defaultGroups(), ctx, errors);
        WelcomeSettings welcome = welcome(doc.welcome(), errors);
        GroupOverageSettings overage = groupOverage(doc.groupOverage(), oidc, errors);

        IdpDocument normalized = new IdpDocument(nameId, displayName, authMethod, emailDomains, loginUrl,
                Boolean.TRUE.equals(doc.hideLoginButton()), redirectUrls, oidc, samlSettings, attributes,
                ValueMappingSettings.of(accessRights), ValueMappingSettings.of(groups),
                defaults, defaultGroups, welcome, Boolean.TRUE.equals(doc.trustUnverifiedEmail()), overage);
        return new Evaluation(new ValidatedIdp(normalized, accessRights, groups), List.copyOf(errors.list));
    }

    /**
     * What a valid IdP still gets wrong in practice: a callback URL with a port, no client
     * secret, placeholders that will not be substituted.
     */
    public List<String> warnings(IdpDocument doc, boolean clientSecretSet) {
        return partWarnings(doc, clientSecretSet).stream().map(PartWarning::text).toList();
    }

    /** The warnings about one part of the document (the wizard shows them at its step). */
    public List<String> warnings(IdpDocument doc, boolean clientSecretSet, IdpPart part) {
        return partWarnings(doc, clientSecretSet).stream().filter(w -> w.part().filter(part::equals).isPresent())
                .map(PartWarning::text).toList();
    }

    /** A warning and the part of the document it is about (none for the broker's own URL). */
    private record PartWarning(java.util.Optional<IdpPart> part, String text) {
        static PartWarning about(String field, String text) {
            return new PartWarning(IdpPart.ofField(field), field + ": " + text);
        }
    }

    private List<PartWarning> partWarnings(IdpDocument doc, boolean clientSecretSet) {
        List<PartWarning> warnings = new ArrayList<>();
        urls.portWarning().ifPresent(text -> warnings.add(new PartWarning(java.util.Optional.empty(), text)));
        if (Boolean.TRUE.equals(doc.trustUnverifiedEmail())) {
            warnings.add(PartWarning.about("trustUnverifiedEmail", "emails the IdP has not verified are trusted. Anyone who can set their "
                    + "own email at this IdP can sign in as the user who owns that address here, pass the email "
                    + "domain allow-list and receive mail for it. Keep this only for an IdP where users cannot "
                    + "choose their email."));
        }
        if (doc.usesSaml() && !Boolean.TRUE.equals(doc.trustUnverifiedEmail())) {
            warnings.add(PartWarning.about("trustUnverifiedEmail", "SAML assertions do not say whether the IdP verified "
                    + "an email, so emails from this IdP are not used (not stored, not the login, not mailed) and an "
                    + "emailDomains allow-list refuses every user. Set trustUnverifiedEmail to true for an IdP whose "
                    + "users cannot choose their email (ADFS, Entra ID), or identify users by another attribute."));
        }
        if (!clientSecretSet && "OIDC".equals(doc.authMethod())) {
            warnings.add(PartWarning.about("oidc.clientSecret", "no client secret is set; the IdP must accept this client without one"
                    + " (a public client with PKCE)"));
        }
        WelcomeSettings welcome = doc.welcome() == null ? WelcomeSettings.disabled() : doc.welcome();
        templates(welcome).forEach((field, template) -> {
            for (String unknown : Placeholders.unknownIn(template)) {
                warnings.add(PartWarning.about(field, "unknown placeholder ${" + unknown + "} is left as written; "
                        + "known are ${user.name}, ${user.login}, ${user.email}, ${site.name}"));
            }
        });
        return warnings;
    }

    private String nameId(String value, IdpValidationContext ctx, Errors errors) {
        String nameId = value == null || value.isBlank() ? ctx.pathNameId().orElse(null) : value.trim();
        if (nameId == null) {
            errors.missing("nameId");
            return null;
        }
        if (!Identifier.NAME_ID.valid(nameId)) {
            errors.add("nameId", Identifier.NAME_ID.rule());
        } else if (ctx.pathNameId().isPresent() && !ctx.pathNameId().get().equals(nameId)) {
            errors.add("nameId", "must equal the nameId in the path ('" + ctx.pathNameId().get() + "')");
        } else if (ctx.takenNameId().isPresent()) {
            errors.add("nameId", "is already used in this site by IdP '" + ctx.takenNameId().get()
                    + "' (nameIds are unique per site, ignoring case)");
        }
        return nameId;
    }

    private static String authMethod(String value, Errors errors) {
        String method = value == null || value.isBlank() ? RegisteredIdp.OIDC : value.trim().toUpperCase(Locale.ROOT);
        if (!method.equals(RegisteredIdp.OIDC) && !method.equals(RegisteredIdp.SAML)) {
            errors.add("authMethod", "must be OIDC or SAML");
        }
        return method;
    }

    private static List<String> emailDomains(List<String> values, Errors errors) {
        Set<String> domains = new LinkedHashSet<>();
        List<String> input = values == null ? List.of() : values;
        for (int i = 0; i < input.size(); i++) {
            String domain = input.get(i) == null ? "" : input.get(i).trim().toLowerCase(Locale.ROOT);
            if (domain.startsWith("@")) {
                domain = domain.substring(1);
            }
            if (!DOMAIN.matcher(domain).matches()) {
                errors.add("emailDomains[" + i + "]", "'" + input.get(i) + "' is not a domain name");
            }
            domains.add(domain);
        }
        return List.copyOf(domains);
    }

    private static List<String> redirectUrls(List<String> values, Errors errors) {
        List<String> input = values == null ? List.of() : values;
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String url = input.get(i) == null ? "" : input.get(i).trim();
            int index = i;
            UrlRules.redirectUrlProblem(url).ifPresent(p -> errors.add("allowedRedirectUrls[" + index + "]", p));
            result.add(url);
        }
        return List.copyOf(result);
    }

    private OidcSettings oidc(OidcSettings oidc, Errors errors) {
        if (oidc == null) {
            errors.add("oidc", "is required for the OIDC authentication method");
            return null;
        }
        String type = OidcType.of(oidc.type()).map(Enum::name)
                .orElseGet(() -> oidc.type().trim().toUpperCase(Locale.ROOT));
        if (OidcType.of(oidc.type()).isEmpty()) {
            errors.add("oidc.type", "must be one of " + String.join(", ", OidcType.names()));
        }
        String configUrl = fetchedUrl("oidc.configUrl", oidc.configUrl(), errors);
        String issuer = url("oidc.issuer", oidc.issuer(), errors);
        String jwksUri = fetchedUrl("oidc.jwksUri", oidc.jwksUri(), errors);
        String authorizationUrl = url("oidc.authorizationUrl", oidc.authorizationUrl(), errors);
        String tokenUrl = fetchedUrl("oidc.tokenUrl", oidc.tokenUrl(), errors);
        String userInfoUrl = fetchedUrl("oidc.userInfoUrl", oidc.userInfoUrl(), errors);
        if (configUrl == null) {
            Map<String, String> manual = new LinkedHashMap<>();
            manual.put("oidc.issuer", issuer);
            manual.put("oidc.jwksUri", jwksUri);
            manual.put("oidc.authorizationUrl", authorizationUrl);
            manual.put("oidc.tokenUrl", tokenUrl);
            manual.forEach((field, value) -> {
                if (value == null && !errors.has(field)) {
                    errors.add(field, "is required when no configUrl is given");
                }
            });
        }
        String clientId = requiredText("oidc.clientId", oidc.clientId(), errors);
        List<String> scopes = scopes(oidc.scopes(), errors);
        String externalUserId = oidc.externalUserIdAttribute() == null || oidc.externalUserIdAttribute().isBlank()
                ? DEFAULT_EXTERNAL_USER_ID : oidc.externalUserIdAttribute().trim();
        String secret = oidc.clientSecret() == null || oidc.clientSecret().isEmpty() ? null : oidc.clientSecret();
        if (secret != null && secret.length() > 2000) {
            errors.add("oidc.clientSecret", "must be at most 2000 characters");
        }
        return OidcSettings.builder().type(type).configUrl(configUrl).issuer(issuer).jwksUri(jwksUri)
                .authorizationUrl(authorizationUrl).tokenUrl(tokenUrl).userInfoUrl(userInfoUrl).clientId(clientId)
                .clientSecret(secret).scopes(scopes).externalUserIdAttribute(externalUserId)
                .pkce(oidc.pkce() == null || oidc.pkce()).build();
    }

    /**
     * The SAML settings: metadata by URL (fetched at save, see {@link IdpService}) or uploaded (parsed
     * here, no I/O), which fills the read-only fields; the rest with their defaults.
     */
    private SamlSettings saml(SamlSettings saml, Errors errors) {
        if (saml == null) {
            errors.add("saml", "is required for the SAML authentication method");
            return null;
        }
        String metadataUrl = fetchedUrl("saml.metadataUrl", saml.metadataUrl(), errors);
        String metadataXml = blank(saml.metadataXml()) ? null : saml.metadataXml();
        SamlIdpMetadata metadata = saml.metadata();
        if (metadataUrl == null && metadataXml == null) {
            errors.add("saml.metadataUrl", "one of metadataUrl or metadataXml (the IdP's SAML metadata) is required", true);
        } else if (metadataUrl != null && metadataXml != null) {
            errors.add("saml.metadataXml", "give metadataUrl or metadataXml, not both");
        } else if (metadataXml != null && metadataXml.length() > config.outbound().maxBodyBytes()) {
            errors.add("saml.metadataXml", "must be at most " + config.outbound().maxBodyBytes() + " characters");
        } else if (metadataXml != null) {
            try {
                metadata = samlMetadata.parse(metadataXml);
            } catch (SamlMetadataReader.MetadataException e) {
                errors.add("saml.metadataXml", e.getMessage());
            }
        }
        String format = SamlSettings.nameIdFormat(saml.nameIdFormat()).orElse(null);
        if (format == null) {
            errors.add("saml.nameIdFormat", "must be one of " + String.join(", ", SamlSettings.nameIdFormats())
                    + " (or its last part, e.g. persistent)");
        }
        String externalUserId = blank(saml.externalUserIdAttribute()) ? SamlSettings.NAME_ID
                : optionalText("saml.externalUserIdAttribute", saml.externalUserIdAttribute(), errors);
        return new SamlSettings(metadataUrl, metadataXml, metadata.entityId(), metadata.ssoUrl(),
                metadata.signingCertificates(), format, externalUserId, !Boolean.FALSE.equals(saml.signAuthnRequest()),
                !Boolean.FALSE.equals(saml.wantAssertionsSigned()), Boolean.TRUE.equals(saml.allowIdpInitiated()),
                Boolean.TRUE.equals(saml.forceAuthn()));
    }

    /**
     * Filled with its defaults for Entra ID (whose tokens carry the overage pointer); any other IdP
     * reads Graph only when the document asks for it.
     */
    private GroupOverageSettings groupOverage(GroupOverageSettings given, OidcSettings oidc, Errors errors) {
        if (given == null) {
            return oidc != null && OidcType.ENTRA_ID.name().equals(oidc.type()) ? GroupOverageSettings.defaults() : null;
        }
        String base = given.graphBaseUrl() == null || given.graphBaseUrl().isBlank()
                ? GroupOverageSettings.DEFAULT_GRAPH_BASE_URL : given.graphBaseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        fetchedUrl("groupOverage.graphBaseUrl", base, errors);
        if (base.contains("?") || base.contains("#")) {
            errors.add("groupOverage.graphBaseUrl", "must be a base URL without query or fragment");
        }
        String mode = given.onGroupFetchFailure() == null || given.onGroupFetchFailure().isBlank()
                ? GroupOverageSettings.REFUSE : given.onGroupFetchFailure().trim();
        if (!GroupOverageSettings.FAILURE_MODES.contains(mode)) {
            errors.add("groupOverage.onGroupFetchFailure", "must be one of "
                    + String.join(", ", GroupOverageSettings.FAILURE_MODES));
        }
        if (oidc == null) {
            errors.add("groupOverage", "reads Microsoft Graph with the IdP's OIDC client; it needs the oidc settings");
        }
        return new GroupOverageSettings(base, mode, Boolean.TRUE.equals(given.resolveNames()));
    }

    /** A URL the broker itself fetches: the outbound policy applies (addresses too), at save as at use. */
    private String fetchedUrl(String field, String value, Errors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.trim();
        outbound.problemAtSave(url).ifPresent(p -> errors.add(field, p));
        return url;
    }

    /** A URL only browsers visit (issuer, authorization endpoint): scheme rules only. */
    private String url(String field, String value, Errors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.trim();
        UrlRules.idpUrlProblem(url, config.insecureAllowHttp()).ifPresent(p -> errors.add(field, p));
        return url;
    }

    private static List<String> scopes(List<String> values, Errors errors) {
        if (values == null || values.isEmpty()) {
            return DEFAULT_SCOPES;
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : values) {
            if (!SCOPE_TOKEN.matcher(scope).matches()) {
                errors.add("oidc.scopes", "'" + scope + "' is not a valid scope");
            }
            scopes.add(scope);
        }
        if (!scopes.contains("openid")) {
            errors.add("oidc.scopes", "must include openid");
        }
        return List.copyOf(scopes);
    }

    private static List<AttributeMapping> attributeMappings(List<AttributeMapping> values, Errors errors) {
        List<AttributeMapping> input = values == null ? List.of() : values;
        List<AttributeMapping> result = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            AttributeMapping mapping = input.get(i);
            String prefix = "attributeMappings[" + i + "]";
            if (mapping == null) {
                errors.add(prefix, "must be an object with claim and field");
                continue;
            }
            String claim = requiredText(prefix + ".claim", mapping.claim(), errors);
            String field = requiredText(prefix + ".field", mapping.field(), errors);
            if (field != null) {
                if (!USER_FIELDS.contains(field) && !ATTRIBUTE_NAME.matcher(field).matches()) {
                    errors.add(prefix + ".field", "must be one of " + String.join(", ", USER_FIELDS.stream()
                            .sorted().toList()) + " or a custom attribute name (letters, digits, _ . -)");
                } else if (!fields.add(field)) {
                    errors.add(prefix + ".field", "'" + field + "' is already mapped");
                }
            }
            result.add(new AttributeMapping(claim, field));
        }
        return List.copyOf(result);
    }

    private ClaimValueMapping valueMapping(String prefix, ValueMappingSettings mapping, boolean splitValues,
            Set<String> catalog, String targetKind, Errors errors) {
        if (mapping == null || isEmpty(mapping)) {
            return null;
        }
        String claim = requiredText(prefix + ".claim", mapping.claim(), errors);
        String keyNode = requiredText(prefix + ".keyNode", mapping.keyNode(), errors);
        String valueNode = requiredText(prefix + ".valueNode", mapping.valueNode(), errors);
        MappingDocument document;
        try {
            document = parser.parse(mapping.document(), config.limits().mappingDocumentBytes());
        } catch (MappingDocumentException e) {
            errors.add(prefix + ".document", e.getMessage());
            return null;
        }
        List<String> nodes = List.copyOf(document.nodes());
        boolean nodesKnown = true;
        for (Map.Entry<String, String> node : Map.of(".keyNode", nullToEmpty(keyNode),
                ".valueNode", nullToEmpty(valueNode)).entrySet()) {
            if (!node.getValue().isEmpty() && !document.nodes().contains(node.getValue())) {
                errors.add(prefix + node.getKey(), "'" + node.getValue() + "' is not an element of the document;"
                        + " found: " + String.join(", ", nodes));
                nodesKnown = false;
            }
        }
        if (keyNode == null || valueNode == null || !nodesKnown) {
            return null;
        }
        List<MappingRule> rules = document.rules(keyNode, valueNode, splitValues);
        if (rules.isEmpty()) {
            errors.add(prefix + ".document", "has no element holding both " + keyNode + " and " + valueNode);
        }
        for (MappingRule rule : rules) {
            for (String target : rule.values()) {
                if (!catalog.contains(target)) {
                    errors.add(prefix + ".document", "maps '" + rule.key() + "' to " + targetKind + " '" + target
                            + "', which is not in the site's catalog");
                }
            }
        }
        return new ClaimValueMapping(claim, mapping.document(), keyNode, valueNode, nodes, rules);
    }

    private static boolean isEmpty(ValueMappingSettings mapping) {
        return blank(mapping.claim()) && blank(mapping.document()) && blank(mapping.keyNode())
                && blank(mapping.valueNode());
    }

    private static DefaultUserProperties defaultProperties(DefaultUserProperties props, IdpValidationContext ctx,
            Errors errors) {
        if (props == null) {
            return DefaultUserProperties.none();
        }
        String accessRight = optionalText("defaultUserProperties.accessRight", props.accessRight(), errors);
        if (accessRight != null && !ctx.accessRights().contains(accessRight)) {
            errors.add("defaultUserProperties.accessRight",
                    "access right '" + accessRight + "' is not in the site's catalog");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> input = props.attributes() == null ? Map.of() : props.attributes();
        input.forEach((key, value) -> {
            if (!ATTRIBUTE_NAME.matcher(key).matches()) {
                errors.add("defaultUserProperties.attributes." + key,
                        "is not a valid attribute name (letters, digits, _ . -)");
            } else if (value != null && value.length() > 2000) {
                errors.add("defaultUserProperties.attributes." + key, "must be at most 2000 characters");
            }
            attributes.put(key, value);
        });
        return new DefaultUserProperties(accessRight,
                optionalText("defaultUserProperties.portalPage", props.portalPage(), errors),
                optionalText("defaultUserProperties.skin", props.skin(), errors),
                optionalText("defaultUserProperties.dashboardTheme", props.dashboardTheme(), errors),
                optionalText("defaultUserProperties.language", props.language(), errors),
                Map.copyOf(attributes));
    }

    private static List<String> defaultGroups(List<String> values, IdpValidationContext ctx, Errors errors) {
        List<String> input = values == null ? List.of() : values;
        Set<String> groups = new LinkedHashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String group = input.get(i) == null ? "" : input.get(i).trim();
            if (!ctx.groups().contains(group)) {
                errors.add("defaultGroups[" + i + "]", "group '" + group + "' is not in the site's catalog");
            }
            groups.add(group);
        }
        return List.copyOf(groups);
    }

    private WelcomeSettings welcome(WelcomeSettings welcome, Errors errors) {
        if (welcome == null) {
            return WelcomeSettings.disabled();
        }
        boolean email = Boolean.TRUE.equals(welcome.emailEnabled());
        boolean message = Boolean.TRUE.equals(welcome.messageEnabled());
        if (email) {
            requiredText("welcome.emailSubject", welcome.emailSubject(), errors);
            if (blank(welcome.emailTemplate())) {
                errors.add("welcome.emailTemplate", "is required when the welcome email is enabled");
            }
        }
        if (message && blank(welcome.messageTemplate())) {
            errors.add("welcome.messageTemplate", "is required when the first-login message is enabled");
        }
        templates(welcome).forEach((field, template) -> {
            if (template != null && template.length() > config.limits().templateChars()) {
                errors.add(field, "must be at most " + config.limits().templateChars() + " characters");
            }
        });
        return new WelcomeSettings(email, emptyToNull(welcome.emailSubject()), emptyToNull(welcome.emailTemplate()),
                message, emptyToNull(welcome.messageTemplate()));
    }

    /** The welcome texts by field path; null values stay in (a disabled text may be empty). */
    private static Map<String, String> templates(WelcomeSettings welcome) {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("welcome.emailSubject", welcome.emailSubject());
        templates.put("welcome.emailTemplate", welcome.emailTemplate());
        templates.put("welcome.messageTemplate", welcome.messageTemplate());
        return templates;
    }

    private static String requiredText(String field, String value, Errors errors) {
        if (blank(value)) {
            errors.missing(field);
            return null;
        }
        return optionalText(field, value, errors);
    }

    private static String optionalText(String field, String value, Errors errors) {
        if (blank(value)) {
            return null;
        }
        String text = value.trim();
        if (text.length() > TEXT_MAX) {
            errors.add(field, "must be at most " + TEXT_MAX + " characters");
        }
        if (ControlCharacters.anyIn(text)) {
            errors.add(field, SINGLE_LINE);
        }
        return text;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String emptyToNull(String value) {
        return blank(value) ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Collects field errors in order, at most one message per field and message. */
    /** Every failure, each with the part of the document its field belongs to. */
    private static final class Errors {
        private final List<InvalidField> list = new ArrayList<>();
        private final Map<String, Integer> perField = new HashMap<>();

        void add(String field, String message) {
            add(field, message, false);
        }

        void missing(String field) {
            add(field, "is required", true);
        }

        void add(String field, String message, boolean missing) {
            InvalidField error = new InvalidField(IdpPart.ofField(field).orElse(null), field, message, missing);
            if (!list.contains(error)) {
                list.add(error);
                perField.merge(field, 1, Integer::sum);
            }
        }

        boolean has(String field) {
            return perField.containsKey(field);
        }
    }
}
