package org.ssobroker.console;

import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;
import org.ssobroker.saml.SamlTestIdp;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.ssobroker.console.ConsoleSignInTest.browser;
import static org.ssobroker.console.ConsoleSignInTest.submitPlatform;
import static org.ssobroker.console.ConsoleSignInTest.url;
import static org.ssobroker.support.TestApi.PLATFORM_CLIENT;
import static org.ssobroker.support.TestApi.PLATFORM_SECRET;
import static org.ssobroker.support.TestApi.asPlatform;
import static org.ssobroker.support.TestApi.newSiteWithCatalogs;

/**
 * A SAML IdP through the console's wizard, without JavaScript: the SP entity id and ACS URL to
 * give the IdP, the IdP's metadata uploaded (its entity id, SSO URL and certificates shown
 * read-only), the NameID format and switches, then saved as the API would.
 */
@QuarkusTest
class ConsoleSamlWizardTest {

    @Test
    void aSamlIdpIsMadeFromItsUploadedMetadata() throws Exception {
        String site = newSiteWithCatalogs();
        Path metadata = Files.createTempFile("idp-metadata", ".xml");
        Files.writeString(metadata, new SamlTestIdp().metadata());
        try (WebClient browser = browser()) {
            HtmlPage page = browser.getPage(url("/console/sign-in"));
            page.getHtmlElementById("clientId").type(PLATFORM_CLIENT);
            page.getHtmlElementById("clientSecret").type(PLATFORM_SECRET);
            submitPlatform(page);

            HtmlPage idps = browser.getPage(url("/console/site/" + site + "/idps"));
            HtmlPage basics = idps.getHtmlElementById("add-idp").click();
            basics.getHtmlElementById("nameId").type("adfs");
            basics.getHtmlElementById("displayName").type("Sign in with ADFS");
            basics.<HtmlSelect>getHtmlElementById("authMethod").setSelectedAttribute("SAML", true);
            basics.<HtmlCheckBoxInput>getHtmlElementById("trustUnverifiedEmail").setChecked(true);
            HtmlPage loginUrl = next(basics);
            loginUrl.<HtmlSelect>getHtmlElementById("loginUrl").setSelectedAttribute("main", true);
            HtmlPage details = next(loginUrl);

            // What the admin gives the IdP, with copy buttons; no OIDC fields on a SAML IdP's step.
            assertThat(details.getHtmlElementById("spEntityId").getAttribute("value"))
                    .endsWith("/site/" + site + "/saml2/service-provider-metadata/adfs");
            assertThat(details.getHtmlElementById("acsUrl").getAttribute("value"))
                    .endsWith("/site/" + site + "/login/saml2/sso/adfs");
            assertThat(details.getElementById("configUrl")).isNull();
            assertThat(details.getHtmlElementById("signAuthnRequest").hasAttribute("checked"))
                    .as("the validator's default shows").isTrue();

            details.<HtmlFileInput>getHtmlElementById("metadata-file").setFiles(metadata.toFile());
            next(details);
            details = browser.getPage(url(detailsPath(details)));
            assertThat(details.getHtmlElementById("idpEntityId").getAttribute("value")).isEqualTo(SamlTestIdp.ENTITY_ID);
            assertThat(details.getHtmlElementById("idpEntityId").hasAttribute("readonly")).isTrue();
            assertThat(details.getHtmlElementById("ssoUrl").getAttribute("value")).isEqualTo(SamlTestIdp.SSO_URL);
            assertThat(details.getElementById("signing-certificates").getTextContent()).contains("1");
            assertThat(details.getElementById("metadata-uploaded")).isNotNull();

            // Written again without a file: the uploaded metadata stays.
            details.<HtmlSelect>getHtmlElementById("nameIdFormat")
                    .setSelectedAttribute("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", true);
            next(details);
            details = browser.getPage(url(detailsPath(details)));
            assertThat(details.getHtmlElementById("idpEntityId").getAttribute("value")).isEqualTo(SamlTestIdp.ENTITY_ID);

            HtmlPage saved = details.getDocumentElement().getElementsByAttribute("button", "value", "finish")
                    .stream().findFirst().map(ConsoleSamlWizardTest::click).orElseThrow();
            assertThat(saved.getUrl().getPath()).isEqualTo("/console/site/" + site + "/idps/adfs");
            asPlatform().get("/api/sites/" + site + "/idps/adfs").then().statusCode(200)
                    .body("authMethod", equalTo("SAML"))
                    .body("saml.idpEntityId", equalTo(SamlTestIdp.ENTITY_ID))
                    .body("saml.nameIdFormat", equalTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"))
                    .body("saml.wantAssertionsSigned", equalTo(true));
        } finally {
            Files.deleteIfExists(metadata);
        }
    }

    private static HtmlPage next(HtmlPage step) throws Exception {
        HtmlPage page = step.getHtmlElementById("next").click();
        assertThat(page.getWebResponse().getStatusCode()).as(page.getWebResponse().getContentAsString()).isEqualTo(200);
        return page;
    }

    /** The details step of the draft this page belongs to. */
    private static String detailsPath(HtmlPage page) {
        String path = page.getUrl().getPath();
        return path.substring(0, path.lastIndexOf('/')) + "/details";
    }

    private static HtmlPage click(HtmlElement button) {
        try {
            return button.click();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
