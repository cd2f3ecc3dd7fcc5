package org.ssobroker.saml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.ssobroker.support.TestApi;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.security.cert.X509Certificate;

import static io.restassured.RestAssured.given;
import static org.ssobroker.support.TestApi.JSON;
import static org.ssobroker.support.TestApi.fixture;

/** Drives a SAML login from the test: the login start, the IdP's answer posted to the ACS. */
final class SamlFlows {

    static final String NAME_ID = "adfs";
    static final String EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    static final String GIVEN_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname";

    private SamlFlows() {
    }

    /** A SAML IdP document for a site of {@code TestApi.newSiteWithCatalogs()}, trusting {@code metadataXml}. */
    static ObjectNode document(String metadataXml) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("displayName", "Sign in with ADFS");
        doc.put("authMethod", "SAML");
        doc.putArray("emailDomains").add("encode.dk");
        doc.put("loginUrl", "main");
        doc.putArray("allowedRedirectUrls").add("https://app.example.com/after-login");
        // The test IdP's users cannot choose their email (ADFS-like): emails count.
        doc.put("trustUnverifiedEmail", true);
        ObjectNode saml = doc.putObject("saml");
        saml.put("metadataXml", metadataXml);
        ObjectNode email = doc.putArray("attributeMappings").addObject();
        email.put("claim", EMAIL);
        email.put("field", "email");
        ObjectNode first = doc.withArray("attributeMappings").addObject();
        first.put("claim", "givenName"); // by FriendlyName
        first.put("field", "firstName");
        ObjectNode rights = doc.putObject("accessRightMapping");
        rights.put("claim", "accessRight"); // by FriendlyName
        rights.put("document", fixture("access-rights-mapping.xml"));
        rights.put("keyNode", "ExternalSystemAccess");
        rights.put("valueNode", "EncodeAccessRight");
        ObjectNode groups = doc.putObject("groupMapping");
        groups.put("claim", "http://schemas.xmlsoap.org/claims/Group"); // by Name, multi-valued
        groups.put("document", fixture("groups-mapping.xml"));
        groups.put("keyNode", "ExternalSystemAccess");
        groups.put("valueNode", "EncodeGroup");
        doc.putArray("defaultGroups").add("Everyone");
        return doc;
    }

    /** The attributes of a user as the test IdP releases them. */
    static SamlTestIdp.Builder user(SamlTestIdp.Builder response, String email, String right, String... groups) {
        return response.attribute(EMAIL, "email", email)
                .attribute(GIVEN_NAME, "givenName", "John")
                .attribute("urn:example:accessRight", "accessRight", right)
                .attribute("http://schemas.xmlsoap.org/claims/Group", null, groups);
    }

    static String acsPath(String site) {
        return "/site/" + site + "/login/saml2/sso/" + NAME_ID;
    }

    static String acsUrl(String site) {
        return TestApi.publicBase() + acsPath(site);
    }

    static String spEntityId(String site) {
        return TestApi.publicBase() + "/site/" + site + "/saml2/service-provider-metadata/" + NAME_ID;
    }

    /** A login started at the Authorization Base URL: where it sent the browser, the AuthnRequest, the intent cookie. */
    record Start(String site, Response answer, String location, Document request, String requestId, String cookieName,
            String cookie) {
    }

    static Start start(String site, String query) {
        return startAt(site, "/site/" + site + "/oauth2/authorization/" + NAME_ID + (query == null ? "" : "?" + query));
    }

    /**
     * A login started at {@code path}, its redirects (and a login page's button of this IdP) followed on
     * the broker until the browser leaves for the IdP.
     */
    static Start startAt(String site, String path) {
        Response answer = given().redirects().follow(false).urlEncodingEnabled(false).get(path);
        for (int i = 0; i < 5; i++) {
            String next = answer.header("Location");
            if (answer.statusCode() == 200) {
                var button = java.util.regex.Pattern.compile("href=\"([^\"]*/oauth2/authorization/" + NAME_ID
                        + "[^\"]*)\"").matcher(answer.asString());
                next = button.find() ? button.group(1).replace("&amp;", "&") : null;
            }
            if (next == null || next.startsWith(SamlTestIdp.SSO_URL)) {
                break;
            }
            answer = given().redirects().follow(false).urlEncodingEnabled(false)
                    .get(next.startsWith(TestApi.publicBase()) ? next.substring(TestApi.publicBase().length()) : next);
        }
        String location = answer.header("Location");
        String cookieName = "sso_intent_" + site + "_" + NAME_ID;
        if (answer.statusCode() != 303 || location == null || !location.startsWith(SamlTestIdp.SSO_URL)) {
            return new Start(site, answer, location, null, null, cookieName, null);
        }
        Document request = SamlTestIdp.authnRequest(location);
        return new Start(site, answer, location, request, request.getDocumentElement().getAttribute("ID"), cookieName,
                answer.getCookie(cookieName));
    }

    /** The IdP's answer, posted by the browser (with its intent cookie, when it has one) to the ACS. */
    static Response post(Start start, String samlResponse) {
        return post(start.site(), start.cookieName(), start.cookie(), samlResponse, null);
    }

    static Response post(String site, String cookieName, String cookie, String samlResponse, String relayState) {
        var request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("SAMLResponse", samlResponse);
        if (relayState != null) {
            request.formParam("RelayState", relayState);
        }
        if (cookie != null) {
            request.cookie(cookieName, cookie);
        }
        return request.post(acsPath(site));
    }

    /** The certificate the SP metadata names for this use ("signing", "encryption"). */
    static X509Certificate spCertificate(String site, String use) {
        String xml = given().get("/site/" + site + "/saml2/service-provider-metadata/" + NAME_ID).then()
                .statusCode(200).extract().asString();
        Element descriptor = SamlTestIdp.child(SamlTestIdp.parse(xml).getDocumentElement(), "SPSSODescriptor");
        for (var node = descriptor.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && "KeyDescriptor".equals(element.getLocalName())
                    && use.equals(element.getAttribute("use"))) {
                return SamlTestIdp.certificate(element.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#",
                        "X509Certificate").item(0).getTextContent());
            }
        }
        throw new IllegalStateException("no " + use + " certificate");
    }
}
