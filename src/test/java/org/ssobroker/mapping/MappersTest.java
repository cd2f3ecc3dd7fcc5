package org.ssobroker.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.LoginRefusal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping engine on the Cognito fixture and on claim shapes IdPs really send. */
class MappersTest {

    private static final MappingDocumentParser PARSER = new MappingDocumentParser();

    private final IdentityMapper mapper = new IdentityMapper(List.of(new DefaultGroupsMapper(),
            new GroupMapper(), new ExternalUserIdMapper(), new DefaultPropertiesMapper(), new AccessRightMapper(),
            new AttributeMapper(), new VerifiedEmailMapper()));

    @Test
    void mapsTheCognitoFixture() throws Exception {
        MappedIdentity identity = mapper.map(new Claims(cognitoClaims()), cognitoRules());

        assertThat(identity.externalUserId()).isEqualTo("irina.borimskaya@gmail.com");
        assertThat(identity.login()).isEqualTo("irina.borimskaya@gmail.com");
        assertThat(identity.email()).isEqualTo("irina.borimskaya@gmail.com");
        assertThat(identity.name()).isEqualTo("jdoe");
        assertThat(identity.firstName()).isEqualTo("John");
        assertThat(identity.lastName()).isEqualTo("Doe");
        assertThat(identity.attributes()).containsEntry("employeeId", "66")
                .containsEntry("address", "Baumgartensvej 12")
                .containsEntry("division", "Managers");
        assertThat(identity.accessRight()).isEqualTo("Agency User");
        assertThat(identity.idpGroups()).containsExactly("Operations", "Quality");
        assertThat(identity.defaultGroups()).containsExactly("Everyone");
        assertThat(identity.portalPage()).isEqualTo("home");
        assertThat(identity.language()).isEqualTo("en");
    }

    @Test
    void anUnreadableGroupsClaimKeepsTheStoredGroupsInsteadOfEmptyingThem() throws Exception {
        Map<String, Object> claims = cognitoClaims();
        claims.remove("cognito:groups");
        MappingRules rules = cognitoRules();

        MappedIdentity missing = mapper.map(new Claims(claims), rules);
        MappedIdentity unreadable = mapper.map(new Claims(claims, java.util.Set.of("cognito:groups")), rules);

        assertThat(missing.idpGroups()).isEmpty(); // not sent: the IdP says "no groups"
        assertThat(unreadable.idpGroups()).isNull(); // could not be read: keep what is stored
        assertThat(unreadable.defaultGroups()).containsExactly("Everyone");
        assertThat(unreadable.notes()).anyMatch(note -> note.contains("kept as they were"));
    }

    @Test
    void anAccessRightMappedFromAnUnreadableClaimRefusesRatherThanGuess() throws Exception {
        MappingRules rules = cognitoRules();
        Claims claims = new Claims(cognitoClaims(), java.util.Set.of("custom:access_Right_AWS"));

        assertThatThrownBy(() -> mapper.map(claims, rules))
                .isInstanceOfSatisfying(LoginRefusal.class, refusal -> assertThat(refusal.reason())
                        .isEqualTo(LoginRefusal.Reason.CLAIM_UNAVAILABLE))
                .hasMessageContaining("could not be read");
    }

    @Test
    void theMappersRunInTheirOrderWhateverTheInjectionOrder() {
        assertThat(mapper.mappers()).extracting(ClaimMapper::id).containsExactly("external-user-id", "verified-email", "attributes",
                "access-right", "groups", "default-properties", "default-groups");
        assertThat(mapper.mappers()).allSatisfy(m -> assertThat(m.label()).isNotBlank())
                .allSatisfy(m -> assertThat(m.helpText()).isNotBlank());
    }

    @Test
    void aMissingOrEmptyExternalUserIdRefusesTheLogin() throws Exception {
        for (Object value : new Object[]{null, "", "  ", Map.of("a", 1), List.of()}) {
            Map<String, Object> claims = cognitoClaims();
            if (value == null) {
                claims.remove("email");
            } else {
                claims.put("email", value);
            }
            assertThatThrownBy(() -> mapper.map(new Claims(claims), cognitoRules()))
                    .isInstanceOfSatisfying(LoginRefusal.class, refusal -> assertThat(refusal.reason())
                            .isEqualTo(LoginRefusal.Reason.UNUSABLE_EXTERNAL_ID))
                    .hasMessageContaining("'email' claim");
        }
    }

    @Test
    void aNumericOrNestedExternalUserIdIsText() {
        MappingRules rules = rules("sub", List.of(), null, null);
        assertThat(mapper.map(new Claims(Map.of("sub", 12345)), rules).externalUserId()).isEqualTo("12345");
        MappingRules nested = rules("user.id", List.of(), null, null);
        assertThat(mapper.map(new Claims(Map.of("user", Map.of("id", "u-1"))), nested).externalUserId())
                .isEqualTo("u-1");
        assertThat(mapper.map(new Claims(Map.of("sub", "x")), rules).login())
                .as("no email: the login is the external user id").isEqualTo("x");
    }

    @Test
    void attributeMappingsReadNestedArraysAndSkipObjectsAndMissingClaims() {
        MappingRules rules = rules("sub", List.of(
                new AttributeMapping("address.locality", "city"),
                new AttributeMapping("roles", "roles"),
                new AttributeMapping("profile", "profile"),
                new AttributeMapping("absent", "nothing"),
                new AttributeMapping("upn", "email"),
                new AttributeMapping("preferred_username", "login")), null, null);
        Map<String, Object> claims = Map.of("sub", "s", "address", Map.of("locality", "Aarhus"),
                "roles", List.of("a", "b", 3), "profile", Map.of("x", 1), "email", "old@x.dk",
                "upn", "new@x.dk", "preferred_username", "jdoe");
        MappedIdentity identity = mapper.map(new Claims(claims), rules);
        assertThat(identity.attributes()).containsEntry("city", "Aarhus").containsEntry("roles", "a, b, 3")
                .doesNotContainKeys("profile", "nothing");
        assertThat(identity.email()).as("an explicit mapping wins over the standard claim").isEqualTo("new@x.dk");
        assertThat(identity.login()).isEqualTo("jdoe");
        assertThat(identity.notes()).anySatisfy(n -> assertThat(n).contains("'profile' is an object"))
                .anySatisfy(n -> assertThat(n).contains("'absent' was not sent"));
    }

    @Test
    void theNameIsBuiltFromFirstAndLastNameWhenNotSent() {
        MappedIdentity identity = mapper.map(new Claims(Map.of("sub", "s", "given_name", "Ann", "family_name", "Lee")),
                rules("sub", List.of(), null, null));
        assertThat(identity.name()).isEqualTo("Ann Lee");
    }

    @Test
    void theAccessRightIsTheFirstMappedValueElseTheDefault() throws Exception {
        MappingRules rules = cognitoRules();
        assertThat(accessRight(rules, "Unknown, Agency")).isEqualTo("Agency User");
        assertThat(accessRight(rules, List.of("Nope", "Global Company", "Agency"))).isEqualTo("Admin");
        assertThat(accessRight(rules, "Nope")).isEqualTo("Viewer");
        assertThat(accessRight(rules, Map.of("wrong", "type"))).isEqualTo("Viewer");
        assertThat(accessRight(rules, List.of())).isEqualTo("Viewer");
        assertThat(accessRight(rules, null)).isEqualTo("Viewer");
    }

    @Test
    void groupsComeFromArraysOrCommaStringsAndOneValueMayNameSeveralGroups() throws Exception {
        MappingRules rules = cognitoRules();
        assertThat(groups(rules, List.of("Local Company", "OPS"))).containsExactly("Argentina", "Chile", "Bolivia",
                "Operations");
        assertThat(groups(rules, "QA, OPS")).containsExactly("Quality", "Operations");
        assertThat(groups(rules, List.of(1, Map.of("a", "b"), List.of("QA"), "QA"))).containsExactly("Quality",
                "Operations");
        assertThat(groups(rules, List.of())).isEmpty();
        assertThat(groups(rules, "")).isEmpty();
        assertThat(groups(rules, null)).isEmpty();
        assertThat(groups(rules, true)).isEmpty();
    }

    @Test
    void defaultAttributesNeverOverrideMappedOnes() {
        MappingRules rules = new MappingRules("sub", List.of(new AttributeMapping("division", "division")), null, null,
                new DefaultUserProperties("Viewer", null, null, null, null, Map.of("division", "Managers",
                        "region", "EU")), List.of());
        MappedIdentity identity = mapper.map(new Claims(Map.of("sub", "s", "division", "Sales")), rules);
        assertThat(identity.attributes()).containsEntry("division", "Sales").containsEntry("region", "EU");
    }

    @Test
    void emailDomainsAreCheckedIgnoringCase() {
        assertThat(EmailDomains.allowed(List.of("encode.dk"), "Anna@ENCODE.dk")).isTrue();
        assertThat(EmailDomains.allowed(List.of("encode.dk"), "anna@evil-encode.dk")).isFalse();
        assertThat(EmailDomains.allowed(List.of("encode.dk"), "anna@encode.dk.evil.com")).isFalse();
        assertThat(EmailDomains.allowed(List.of("encode.dk"), null)).isFalse();
        assertThat(EmailDomains.allowed(List.of(), null)).isTrue();
    }

    private String accessRight(MappingRules rules, Object claim) throws IOException {
        Map<String, Object> claims = cognitoClaims();
        claims.put("custom:access_Right_AWS", claim);
        return mapper.map(new Claims(claims), rules).accessRight();
    }

    private java.util.Set<String> groups(MappingRules rules, Object claim) throws IOException {
        Map<String, Object> claims = cognitoClaims();
        claims.put("cognito:groups", claim);
        return mapper.map(new Claims(claims), rules).idpGroups();
    }

    private static MappingRules rules(String externalId, List<AttributeMapping> attributes,
            ClaimValueMapping rights, ClaimValueMapping groups) {
        return new MappingRules(externalId, attributes, rights, groups, DefaultUserProperties.none(), List.of());
    }

    static MappingRules cognitoRules() throws Exception {
        ClaimValueMapping rights = mapping("custom:access_Right_AWS", "access-rights-mapping.xml",
                "EncodeAccessRight", false);
        ClaimValueMapping groups = mapping("cognito:groups", "groups-mapping.xml", "EncodeGroup", true);
        return new MappingRules("email",
                List.of(new AttributeMapping("custom:aws_id", "employeeId"),
                        new AttributeMapping("custom:aws_address", "address")),
                rights, groups,
                new DefaultUserProperties("Viewer", "home", "light", "default", "en", Map.of("division", "Managers")),
                List.of("Everyone"));
    }

    private static ClaimValueMapping mapping(String claim, String fixture, String valueNode, boolean split)
            throws Exception {
        MappingDocument doc = PARSER.parse(read(fixture), 65536);
        return new ClaimValueMapping(claim, read(fixture), "ExternalSystemAccess", valueNode,
                List.copyOf(doc.nodes()), doc.rules("ExternalSystemAccess", valueNode, split));
    }

    static Map<String, Object> cognitoClaims() throws IOException {
        return new HashMap<>(new ObjectMapper().readValue(read("cognito-id-token-claims.json"),
                new TypeReference<Map<String, Object>>() { }));
    }

    private static String read(String name) throws IOException {
        try (InputStream in = MappersTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
