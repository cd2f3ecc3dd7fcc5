package org.ssobroker.saml;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.xml.security.encryption.XMLCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssobroker.support.TestClock;
import org.ssobroker.support.TestDb;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * SAML sign-in through the broker's service provider: responses and assertions built and signed in
 * the test ({@link SamlTestIdp}, the JDK's XML DSig), posted to the assertion consumer service with
 * the browser's intent cookie. Every refused response names its check, and stores nothing: no
 * user, no consumed assertion id.
 */
@QuarkusTest
class SamlLoginTest {

    @Inject
    TestClock clock;

    SamlTestIdp idp;
    String site;

    @BeforeEach
    void setUp() {
        idp = new SamlTestIdp();
        site = newSiteWithCatalogs();
        asPlatform().body(SamlFlows.document(idp.metadata())).put("/api/sites/" + site + "/idps/" + SamlFlows.NAME_ID)
                .then().statusCode(201);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private SamlTestIdp.Builder answer(SamlFlows.Start start) {
        return SamlFlows.user(idp.response(start.requestId(), SamlFlows.acsUrl(site), SamlFlows.spEntityId(site)),
                "john@encode.dk", "Agency", "OPS", "QA")
                .nameId("00u-john", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    }

    @Test
    void aValidResponseSignsTheUserInThroughTheMapping() throws Exception {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertThat(start.answer().statusCode()).isEqualTo(303);
        Element request = start.request().getDocumentElement();
        assertThat(request.getAttribute("Destination")).isEqualTo(SamlTestIdp.SSO_URL);
        assertThat(request.getAttribute("AssertionConsumerServiceURL")).isEqualTo(SamlFlows.acsUrl(site));
        assertThat(SamlTestIdp.child(request, "Issuer").getTextContent()).isEqualTo(SamlFlows.spEntityId(site));
        assertRedirectSignature(start.location());

        SamlTestIdp.Builder answer = answer(start);
        Response response = SamlFlows.post(start, answer.build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).contains("id=\"signed-in\"").contains("john@encode.dk");
        asPlatform().get("/api/sites/" + site + "/users").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].login", equalTo("john@encode.dk"))
                .body("[0].email", equalTo("john@encode.dk"))
                .body("[0].firstName", equalTo("John"))
                .body("[0].accessRight", equalTo("Agency User"))
                .body("[0].groups", containsInAnyOrder("Operations", "Quality", "Everyone"))
                .body("[0].idps[0].externalUserId", equalTo("00u-john"));
        assertThat(TestDb.number("select count(*) from saml_assertion_use where assertion_id = ?",
                answer.assertionId())).isEqualTo(1);
        // The link is bound to the IdP's entity id and the persistent NameID (iss and sub).
        assertThat(TestDb.text("select l.issuer || ' ' || l.subject from user_idp_link l join identity_provider i "
                + "on i.id = l.idp_id where i.site_key = ?", site)).isEqualTo(SamlTestIdp.ENTITY_ID + " 00u-john");
    }

    /** The HTTP-Redirect binding's signature: over the query as sent, by the SP signing certificate of the metadata. */
    private void assertRedirectSignature(String location) throws Exception {
        String query = location.substring(location.indexOf('?') + 1);
        int signatureAt = query.indexOf("&Signature=");
        assertThat(query).contains("&SigAlg=" + java.net.URLEncoder.encode(SamlXml.RSA_SHA256, StandardCharsets.UTF_8));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(SamlFlows.spCertificate(site, "signing").getPublicKey());
        verifier.update(query.substring(0, signatureAt).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getDecoder().decode(URLDecoder.decode(
                query.substring(signatureAt + "&Signature=".length()), StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void theAuthnRequestFollowsTheIdpsSettings() {
        var doc = SamlFlows.document(idp.metadata());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("saml")).put("forceAuthn", true)
                .put("signAuthnRequest", false).put("nameIdFormat", "emailAddress");
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/" + SamlFlows.NAME_ID).then().statusCode(200);
        SamlFlows.Start start = SamlFlows.start(site, null);
        Element request = start.request().getDocumentElement();
        assertThat(request.getAttribute("ForceAuthn")).isEqualTo("true");
        assertThat(SamlTestIdp.child(request, "NameIDPolicy").getAttribute("Format"))
                .isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        assertThat(start.location()).doesNotContain("Signature=").doesNotContain("SigAlg=");
        assertThat(start.answer().getHeader("Set-Cookie")).contains("HttpOnly").contains("Path=/site/" + site);
    }

    @Test
    void aRedirectUriGetsTheAppACodeAsAfterAnOidcLogin() {
        SamlFlows.Start start = SamlFlows.start(site, "redirect_uri=https://app.example.com/after-login&state=s1");
        Response response = SamlFlows.post(start, answer(start).build());
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.header("Location")).startsWith("https://app.example.com/after-login?code=")
                .contains("&state=s1").contains("&iss=");
    }

    @Test
    void theSitesOpenIdProviderSignsAnAppsUserInThroughTheSamlIdp() throws Exception {
        String secret = asPlatform().body(Map.of("scopes", List.of("openid", "email", "profile"), "grantTypes",
                        List.of("authorization_code"), "redirectUris", List.of("https://app.example.com/cb"), "loginUrl",
                        "main"))
                .put("/api/sites/" + site + "/client-apps/portal").then().statusCode(201).extract().path("clientSecret");
        String verifier = "verifier-" + java.util.UUID.randomUUID() + "-0123456789abcdef";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        SamlFlows.Start start = SamlFlows.startAt(site, "/site/" + site + "/authorize?response_type=code&client_id="
                + "portal&redirect_uri=" + URLEncoder.encode("https://app.example.com/cb", StandardCharsets.UTF_8)
                + "&scope=openid%20email&state=st&nonce=n-1&code_challenge=" + challenge
                + "&code_challenge_method=S256");
        assertThat(start.requestId()).as(start.answer().asString()).isNotNull();

        Response back = SamlFlows.post(start, answer(start).build());
        assertThat(back.statusCode()).isEqualTo(303);
        String location = back.header("Location");
        assertThat(location).startsWith("https://app.example.com/cb?code=").contains("&state=st");
        String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        String idToken = given().auth().preemptive().basic("portal", secret).formParam("grant_type",
                        "authorization_code").formParam("code", code).formParam("redirect_uri",
                        "https://app.example.com/cb").formParam("code_verifier", verifier)
                .post("/oauth/token").then().statusCode(200).extract().path("id_token");
        String payload = new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"nonce\":\"n-1\"").contains("\"email\":\"john@encode.dk\"");
    }

    @Test
    void testConnectionShowsTheAssertionsClaimsAndStoresNothing() {
        SamlFlows.Start start = SamlFlows.start(site, "test=true");
        Response response = SamlFlows.post(start, answer(start).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).contains("assertion: " + SamlFlows.EMAIL)
                .contains("assertion: accessRight").contains("assertion: NameID").contains("Agency User");
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
    }

    @Test
    void anEncryptedAssertionIsDecryptedWithTheSpKey() {
        var encryption = SamlFlows.spCertificate(site, "encryption");
        SamlFlows.Start start = SamlFlows.start(site, null);
        Response gcm = SamlFlows.post(start, answer(start)
                .encryptedTo(encryption, XMLCipher.AES_256_GCM, XMLCipher.RSA_OAEP_11).build());
        assertThat(gcm.statusCode()).isEqualTo(200);

        SamlFlows.Start again = SamlFlows.start(site, null);
        Response cbc = SamlFlows.post(again, answer(again)
                .encryptedTo(encryption, XMLCipher.AES_128, XMLCipher.RSA_OAEP).signed(true, true).build());
        assertThat(cbc.statusCode()).isEqualTo(200);
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1))
                .body("[0].accessRight", equalTo("Agency User"));
    }

    @Test
    void anUnsignedResponseIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).signed(false, false), "neither the response nor its assertion is signed");
    }

    @Test
    void aResponseSignedByAnotherKeyIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).signedByForeignKey(),
                "assertion's signature does not verify with any signing certificate");
    }

    @Test
    void anAssertionChangedAfterSigningIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).tamperXml(xml -> xml.replace(">Agency<", ">Global Company<")),
                "assertion's signature does not verify");
    }

    @Test
    void onlyASignedResponseIsNotEnoughWhenTheAssertionMustBeSigned() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).signed(false, true), "the assertion is not signed");
    }

    @Test
    void aSecondUnsignedAssertionBeforeTheSignedOneIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).tamper(evilAssertion(true)), "the response holds 2 assertions");
    }

    @Test
    void aSecondUnsignedAssertionAfterTheSignedOneIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).tamper(evilAssertion(false)), "the response holds 2 assertions");
    }

    @Test
    void theSignedAssertionMovedIntoAnExtensionIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).tamper(document -> {
            Element response = document.getDocumentElement();
            Element signed = SamlTestIdp.child(response, "Assertion");
            Element extensions = document.createElementNS(SamlXml.PROTOCOL, "samlp:Extensions");
            response.insertBefore(extensions, SamlTestIdp.child(response, "Status"));
            Element evil = evil(signed);
            response.replaceChild(evil, signed);
            extensions.appendChild(signed);
            return document;
        }), "the response holds 2 assertions");
        SamlFlows.Start again = SamlFlows.start(site, null);
        assertRefused(again, answer(again).tamper(document -> {
            Element response = document.getDocumentElement();
            Element signed = SamlTestIdp.child(response, "Assertion");
            Element extensions = document.createElementNS(SamlXml.PROTOCOL, "samlp:Extensions");
            response.insertBefore(extensions, SamlTestIdp.child(response, "Status"));
            extensions.appendChild(signed);
            return document;
        }), "the assertion is not a direct child of the Response");
    }

    /** An attacker's copy of the signed assertion: another user, no signature, a new ID. */
    private static UnaryOperator<Document> evilAssertion(boolean before) {
        return document -> {
            Element response = document.getDocumentElement();
            Element signed = SamlTestIdp.child(response, "Assertion");
            response.insertBefore(evil(signed), before ? signed : signed.getNextSibling());
            return document;
        };
    }

    private static Element evil(Element signed) {
        Element evil = (Element) signed.cloneNode(true);
        evil.removeChild(SamlTestIdp.child(evil, "Signature"));
        evil.setAttribute("ID", "_evil");
        Element nameId = SamlTestIdp.child(SamlTestIdp.child(evil, "Subject"), "NameID");
        nameId.setTextContent("admin");
        return evil;
    }

    @Test
    void anExpiredAssertionIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertRefused(start, answer(start).validity(past, past.plus(Duration.ofMinutes(5))), "the assertion expired");
    }

    @Test
    void anAssertionOutlivedOnTheBrokersClockIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        SamlTestIdp.Builder answer = answer(start);
        String response = answer.build();
        clock.advance(Duration.ofMinutes(7)); // past NotOnOrAfter (5 min) and the skew (1 min); the intent still lives
        assertRefused(start, response, answer.assertionId(), "the assertion expired");
    }

    @Test
    void aWrongAudienceIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).audience("https://other-sp.example.com"),
                "not for this service provider");
    }

    @Test
    void aWrongDestinationIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).destination("https://other-sp.example.com/acs"),
                "Destination 'https://other-sp.example.com/acs' is not this sign-in method's");
    }

    @Test
    void aWrongRecipientIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).recipient("https://other-sp.example.com/acs"),
                "Recipient 'https://other-sp.example.com/acs' is not");
    }

    @Test
    void aWrongIssuerIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).issuer("https://evil.example.com"), "is not the IdP's entity id");
    }

    @Test
    void aWrongInResponseToIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        SamlFlows.Start other = SamlFlows.start(site, null);
        assertRefused(start, answer(start).inResponseTo(other.requestId()), "answers another request");
    }

    @Test
    void aResponseWithoutTheBrowsersIntentIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        SamlTestIdp.Builder answer = answer(start);
        Response response = SamlFlows.post(site, start.cookieName(), null, answer.build(), null);
        assertNothingStored(response, answer.assertionId(), "was not started in this browser");
    }

    @Test
    void aReplayedResponseIsRefused() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        SamlTestIdp.Builder answer = answer(start);
        String response = answer.build();
        assertThat(SamlFlows.post(start, response).statusCode()).isEqualTo(200);
        asPlatform().delete("/api/sites/" + site + "/users/" + asPlatform().get("/api/sites/" + site + "/users")
                .then().extract().path("[0].id") + "/links/" + SamlFlows.NAME_ID).then().statusCode(204);
        Response replay = SamlFlows.post(start, response);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body().asString()).contains("was used before");
        assertThat(TestDb.number("select count(*) from user_idp_link l join identity_provider i on i.id = l.idp_id "
                + "where i.site_key = ?", site)).isZero();
    }

    @Test
    void xxeInTheResponseIsRefusedBeforeAnyEntityIsRead() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        SamlTestIdp.Builder answer = answer(start).tamperXml(xml -> "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + xml.replace(">John<", ">&xxe;<"));
        Response response = SamlFlows.post(start, answer.build());
        assertNothingStored(response, answer.assertionId(), "contains a DOCTYPE");
        assertThat(response.body().asString()).doesNotContain("root:");
    }

    @Test
    void anIdpInitiatedResponseIsRefusedUnlessAllowed() {
        SamlTestIdp.Builder unsolicited = SamlFlows.user(idp.response(null, SamlFlows.acsUrl(site),
                SamlFlows.spEntityId(site)), "john@encode.dk", "Agency", "OPS");
        Response refused = SamlFlows.post(site, "none", null, unsolicited.build(), null);
        assertNothingStored(refused, unsolicited.assertionId(), "IdP-initiated sign-in");

        var doc = SamlFlows.document(idp.metadata());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("saml")).put("allowIdpInitiated", true);
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/" + SamlFlows.NAME_ID).then().statusCode(200);
        SamlTestIdp.Builder allowed = SamlFlows.user(idp.response(null, SamlFlows.acsUrl(site),
                SamlFlows.spEntityId(site)), "john@encode.dk", "Agency", "OPS");
        Response accepted = SamlFlows.post(site, "none", null, allowed.build(), "https://app.example.com/after-login");
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.header("Location")).startsWith("https://app.example.com/after-login?code=");
    }

    @Test
    void anIdpStatusOtherThanSuccessIsRefusedWithIt() {
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertRefused(start, answer(start).status("urn:oasis:names:tc:SAML:2.0:status:Responder"),
                "did not sign the user in: status Responder");
    }

    @Test
    void aCertificateOfTheRolloverVerifiesToo() {
        int next = idp.addKey();
        var doc = SamlFlows.document(idp.metadata(0, next));
        asPlatform().body(doc).put("/api/sites/" + site + "/idps/" + SamlFlows.NAME_ID).then().statusCode(200);
        SamlFlows.Start start = SamlFlows.start(site, null);
        assertThat(SamlFlows.post(start, answer(start).signWith(next).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void entraGroupOverageKeepsTheGroupsAsTheyWere() {
        SamlFlows.Start first = SamlFlows.start(site, null);
        assertThat(SamlFlows.post(first, answer(first).build()).statusCode()).isEqualTo(200);
        SamlFlows.Start second = SamlFlows.start(site, null);
        SamlTestIdp.Builder overage = idp.response(second.requestId(), SamlFlows.acsUrl(site),
                        SamlFlows.spEntityId(site))
                .nameId("00u-john", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
                .attribute(SamlFlows.EMAIL, "email", "john@encode.dk")
                .attribute("urn:example:accessRight", "accessRight", "Agency")
                .attribute("http://schemas.microsoft.com/claims/groups.link", null,
                        "https://graph.windows.net/t/users/u/getMemberObjects");
        assertThat(SamlFlows.post(second, overage.build()).statusCode()).isEqualTo(200);
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(1))
                .body("[0].groups", containsInAnyOrder("Operations", "Quality", "Everyone"));
    }

    private void assertRefused(SamlFlows.Start start, SamlTestIdp.Builder answer, String reason) {
        assertRefused(start, answer.build(), answer.assertionId(), reason);
    }

    private void assertRefused(SamlFlows.Start start, String response, String assertionId, String reason) {
        assertNothingStored(SamlFlows.post(start, response), assertionId, reason);
    }

    /** Refused with its reason, on the browser's error page; no user, no link, no consumed assertion id. */
    private void assertNothingStored(Response response, String assertionId, String reason) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body().asString()).contains(htmlEscaped(reason)).doesNotContain("Exception");
        asPlatform().get("/api/sites/" + site + "/users").then().body("size()", equalTo(0));
        assertThat(TestDb.number("select count(*) from saml_assertion_use where assertion_id = ?", assertionId))
                .isZero();
    }

    private static String htmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
