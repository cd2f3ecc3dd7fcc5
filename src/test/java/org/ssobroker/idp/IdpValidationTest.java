package org.ssobroker.idp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.cognitoDocument;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * Every validation rule of the IdP document, one row each: the document is the valid Cognito
 * document with one change; the answer is 422 problem+json naming the field, and nothing is stored.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdpValidationTest {

    static final String XXE = """
            <?xml version="1.0"?>
            <!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <MappingDocument><Mapping><ExternalSystemAccess>&xxe;</ExternalSystemAccess>
            <EncodeAccessRight>Admin</EncodeAccessRight></Mapping></MappingDocument>""";

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <MappingDocument><Mapping><ExternalSystemAccess>&lol9;</ExternalSystemAccess>
            <EncodeAccessRight>Admin</EncodeAccessRight></Mapping></MappingDocument>""";

    String site;

    @BeforeEach
    void site() {
        if (site != null) {
            return;
        }
        site = newSiteWithCatalogs();
        asPlatform().body(cognitoDocument()).put("/api/sites/" + site + "/idps/taken").then().statusCode(201);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("nameId with a dash", "idp", d -> d.put("nameId", "with-dash"), "nameId",
                        "English letters or digits"),
                rule("nameId differing from the path", "cognito", d -> d.put("nameId", "other"), "nameId",
                        "must equal the nameId in the path"),
                rule("nameId taken, ignoring case", "TAKEN", d -> { }, "nameId", "already used"),
                rule("display name missing", "idp", d -> d.remove("displayName"), "displayName", "is required"),
                rule("display name blank", "idp", d -> d.put("displayName", "  "), "displayName", "is required"),
                rule("SAML without its saml object", "idp", d -> d.put("authMethod", "SAML"), "saml",
                        "is required for the SAML authentication method"),
                rule("unknown auth method", "idp", d -> d.put("authMethod", "LDAP"), "authMethod", "must be OIDC"),
                rule("email domain not a domain", "idp", d -> d.putArray("emailDomains").add("not a domain"),
                        "emailDomains[0]", "is not a domain name"),
                rule("email domains as text with a bad one", "idp", d -> d.put("emailDomains", "encode.dk, bad_domain"),
                        "emailDomains[1]", "is not a domain name"),
                rule("login URL missing", "idp", d -> d.remove("loginUrl"), "loginUrl", "is required"),
                rule("login URL unknown", "idp", d -> d.put("loginUrl", "nope"), "loginUrl", "no login URL 'nope'"),
                rule("redirect URL over http", "idp",
                        d -> d.putArray("allowedRedirectUrls").add("http://app.example.com/x"),
                        "allowedRedirectUrls[0]", "http is allowed only for localhost"),
                rule("redirect URL relative", "idp", d -> d.putArray("allowedRedirectUrls").add("/after-login"),
                        "allowedRedirectUrls[0]", "absolute"),
                rule("redirect URL with fragment", "idp",
                        d -> d.putArray("allowedRedirectUrls").add("https://app.example.com/#x"),
                        "allowedRedirectUrls[0]", "fragment"),
                rule("OIDC details missing", "idp", d -> d.remove("oidc"), "oidc", "is required"),
                rule("unknown OIDC type", "idp", d -> oidc(d).put("type", "FACEBOOK"), "oidc.type", "must be one of"),
                rule("no config URL and no issuer", "idp", d -> manual(d).remove("issuer"), "oidc.issuer",
                        "required when no configUrl"),
                rule("no config URL and no JWKS URI", "idp", d -> manual(d).remove("jwksUri"), "oidc.jwksUri",
                        "required when no configUrl"),
                rule("no config URL and no authorization URL", "idp", d -> manual(d).remove("authorizationUrl"),
                        "oidc.authorizationUrl", "required when no configUrl"),
                rule("no config URL and no token URL", "idp", d -> manual(d).remove("tokenUrl"), "oidc.tokenUrl",
                        "required when no configUrl"),
                rule("config URL not a URL", "idp", d -> oidc(d).put("configUrl", "cognito"), "oidc.configUrl",
                        "absolute URL"),
                rule("client id missing", "idp", d -> oidc(d).remove("clientId"), "oidc.clientId", "is required"),
                rule("scopes without openid", "idp", d -> oidc(d).put("scopes", "email profile"), "oidc.scopes",
                        "must include openid"),
                rule("attribute mapping without claim", "idp",
                        d -> ((ObjectNode) d.withArray("attributeMappings").get(0)).remove("claim"),
                        "attributeMappings[0].claim", "is required"),
                rule("attribute mapping to a bad field", "idp",
                        d -> ((ObjectNode) d.withArray("attributeMappings").get(0)).put("field", "first name"),
                        "attributeMappings[0].field", "custom attribute name"),
                rule("field mapped twice", "idp",
                        d -> ((ObjectNode) d.withArray("attributeMappings").get(1)).put("field", "firstName"),
                        "attributeMappings[1].field", "already mapped"),
                rule("XXE mapping document", "idp", d -> rights(d).put("document", XXE),
                        "accessRightMapping.document", "DOCTYPE"),
                rule("billion laughs mapping document", "idp", d -> groups(d).put("document", BILLION_LAUGHS),
                        "groupMapping.document", "DOCTYPE"),
                rule("mapping document not XML", "idp", d -> rights(d).put("document", "<Mapping><a>"),
                        "accessRightMapping.document", "not well-formed"),
                rule("mapping document too large", "idp",
                        d -> rights(d).put("document", "<M><Mapping><ExternalSystemAccess>" + "x".repeat(300_000)
                                + "</ExternalSystemAccess><EncodeAccessRight>Admin</EncodeAccessRight></Mapping></M>"),
                        "accessRightMapping.document", "larger than"),
                rule("mapping without claim", "idp", d -> rights(d).remove("claim"), "accessRightMapping.claim",
                        "is required"),
                rule("key node not in the document", "idp", d -> rights(d).put("keyNode", "Nope"),
                        "accessRightMapping.keyNode", "not an element of the document"),
                rule("value node not in the document", "idp", d -> groups(d).put("valueNode", "Nope"),
                        "groupMapping.valueNode", "not an element of the document"),
                rule("mapped access right missing from the catalog", "idp",
                        d -> rights(d).put("document", "<M><Mapping><ExternalSystemAccess>X</ExternalSystemAccess>"
                                + "<EncodeAccessRight>Janitor</EncodeAccessRight></Mapping></M>"),
                        "accessRightMapping.document", "access right 'Janitor'"),
                rule("one of several mapped groups missing from the catalog", "idp",
                        d -> groups(d).put("document", "<M><Mapping><ExternalSystemAccess>X</ExternalSystemAccess>"
                                + "<EncodeGroup>Argentina, Narnia</EncodeGroup></Mapping></M>"),
                        "groupMapping.document", "group 'Narnia'"),
                rule("default access right missing from the catalog", "idp",
                        d -> ((ObjectNode) d.get("defaultUserProperties")).put("accessRight", "Janitor"),
                        "defaultUserProperties.accessRight", "not in the site's catalog"),
                rule("default group missing from the catalog", "idp", d -> d.putArray("defaultGroups").add("Narnia"),
                        "defaultGroups[0]", "not in the site's catalog"),
                rule("welcome email without template", "idp", d -> welcome(d).remove("emailTemplate"),
                        "welcome.emailTemplate", "is required"),
                rule("welcome email without subject", "idp", d -> welcome(d).put("emailSubject", ""),
                        "welcome.emailSubject", "is required"),
                rule("first-login message without template", "idp", d -> welcome(d).remove("messageTemplate"),
                        "welcome.messageTemplate", "is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void refusesAndStoresNothing(String rule, String nameId, Consumer<ObjectNode> change, String field,
            String message) {
        ObjectNode doc = cognitoDocument();
        change.accept(doc);
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/" + nameId)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(422))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
        asPlatform().get("/api/sites/" + site + "/idps/" + nameId).then().statusCode(404);
    }

    private static Arguments rule(String name, String nameId, Consumer<ObjectNode> change, String field,
            String message) {
        return Arguments.of(name, nameId, change, field, message);
    }

    private static ObjectNode oidc(ObjectNode doc) {
        return (ObjectNode) doc.get("oidc");
    }

    private static ObjectNode manual(ObjectNode doc) {
        ObjectNode oidc = oidc(doc);
        oidc.remove("configUrl");
        oidc.put("issuer", "https://idp.example.com");
        oidc.put("jwksUri", "https://idp.example.com/jwks");
        oidc.put("authorizationUrl", "https://idp.example.com/authorize");
        oidc.put("tokenUrl", "https://idp.example.com/token");
        return oidc;
    }

    private static ObjectNode rights(ObjectNode doc) {
        return (ObjectNode) doc.get("accessRightMapping");
    }

    private static ObjectNode groups(ObjectNode doc) {
        return (ObjectNode) doc.get("groupMapping");
    }

    private static ObjectNode welcome(ObjectNode doc) {
        return (ObjectNode) doc.get("welcome");
    }
}
