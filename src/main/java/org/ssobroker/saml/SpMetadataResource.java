package org.ssobroker.saml;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.ssobroker.idp.IdpDirectory;
import org.ssobroker.idp.RegisteredIdp;
import org.ssobroker.support.ProblemException;
import org.ssobroker.support.PublicUrls;

/**
 * The broker's SAML 2.0 service provider metadata for one SAML IdP (Spring Security's path): what
 * the admin gives the IdP (ADFS, an Entra ID enterprise app, Keycloak, ...). Its URL is the SP's
 * entity id; it names the assertion consumer service (HTTP-POST), the certificate the
 * AuthnRequests are signed with and the one to encrypt assertions to, with the algorithms the
 * broker decrypts.
 */
@Path("/site/{site}/saml2/service-provider-metadata/{nameId}")
public class SpMetadataResource {

    static final String MEDIA_TYPE = "application/samlmetadata+xml";

    private final IdpDirectory directory;
    private final SpKeys keys;
    private final PublicUrls urls;

    public SpMetadataResource(IdpDirectory directory, SpKeys keys, PublicUrls urls) {
        this.directory = directory;
        this.keys = keys;
        this.urls = urls;
    }

    @GET
    @Produces(MEDIA_TYPE)
    public Response metadata(@PathParam("site") String site, @PathParam("nameId") String nameId) {
        RegisteredIdp idp = directory.find(site, nameId).filter(RegisteredIdp::usesSaml).orElseThrow(() ->
                ProblemException.notFound("There is no SAML sign-in method '" + nameId + "' in this site."));
        SpKeys.Credentials credentials = keys.of(idp);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"" + SamlXml.METADATA + "\" xmlns:ds=\"" + SamlXml.DSIG
                + "\" entityID=\"" + SamlXml.escape(urls.samlEntityId(site, nameId)) + "\">\n"
                + "  <md:SPSSODescriptor AuthnRequestsSigned=\"" + !Boolean.FALSE.equals(idp.saml().signAuthnRequest())
                + "\" WantAssertionsSigned=\"" + Boolean.TRUE.equals(idp.saml().wantAssertionsSigned())
                + "\" protocolSupportEnumeration=\"" + SamlXml.PROTOCOL + "\">\n"
                + keyDescriptor("signing", SamlCertificates.encode(credentials.signingCertificate()), "")
                + keyDescriptor("encryption", SamlCertificates.encode(credentials.encryptionCertificate()),
                        encryptionMethod(SamlXml.XENC11 + "aes256-gcm") + encryptionMethod(SamlXml.XENC11 + "aes128-gcm")
                                + encryptionMethod(SamlXml.XENC + "aes256-cbc")
                                + encryptionMethod(SamlXml.XENC + "aes128-cbc")
                                + encryptionMethod(SamlXml.XENC11 + "rsa-oaep")
                                + encryptionMethod(SamlXml.XENC + "rsa-oaep-mgf1p"))
                + "    <md:NameIDFormat>" + SamlXml.escape(idp.saml().nameIdFormat()) + "</md:NameIDFormat>\n"
                + "    <md:AssertionConsumerService Binding=\"" + SamlXml.HTTP_POST + "\" Location=\""
                + SamlXml.escape(urls.samlAcsUrl(site, nameId)) + "\" index=\"0\" isDefault=\"true\"/>\n"
                + "  </md:SPSSODescriptor>\n"
                + "</md:EntityDescriptor>\n";
        return Response.ok(xml, MEDIA_TYPE).header("Cache-Control", "no-cache").build();
    }

    private static String keyDescriptor(String use, String certificate, String extra) {
        return "    <md:KeyDescriptor use=\"" + use + "\">\n"
                + "      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + certificate
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n" + extra
                + "    </md:KeyDescriptor>\n";
    }

    private static String encryptionMethod(String algorithm) {
        return "      <md:EncryptionMethod Algorithm=\"" + algorithm + "\"/>\n";
    }
}
