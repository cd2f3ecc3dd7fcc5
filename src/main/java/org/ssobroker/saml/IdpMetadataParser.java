package org.ssobroker.saml;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.idp.SamlIdpMetadata;
import org.ssobroker.idp.SamlMetadataReader;
import org.ssobroker.outbound.OutboundFetcher;
import org.ssobroker.outbound.OutboundRefusedException;
import org.ssobroker.support.BrokerConfig;
import org.ssobroker.support.SafeXml;
import org.ssobroker.support.UrlRules;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a SAML IdP's metadata (SAML 2.0 metadata: one {@code EntityDescriptor} with an
 * {@code IDPSSODescriptor}, possibly inside an {@code EntitiesDescriptor}): the entity id, the
 * single sign-on URL of the HTTP-Redirect binding and the signing certificates. A metadata URL is
 * fetched through the outbound policy (https, no private or metadata addresses in prod, the
 * deadline, the size cap, no redirects). The metadata's own signature is not checked: its trust
 * comes from the https URL the admin gave, or from the admin's upload.
 */
@ApplicationScoped
public class IdpMetadataParser implements SamlMetadataReader {

    static final String SAML2_PROTOCOL = SamlXml.PROTOCOL;
    private static final int MAX_ENTITY_ID = 1024;

    private final OutboundFetcher fetcher;
    private final boolean insecureAllowHttp;

    public IdpMetadataParser(OutboundFetcher fetcher, BrokerConfig config) {
        this.fetcher = fetcher;
        this.insecureAllowHttp = config.insecureAllowHttp();
    }

    @Override
    public SamlIdpMetadata fetch(String url) throws MetadataException {
        byte[] body;
        try {
            body = fetcher.okBody(url, "application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8");
        } catch (OutboundRefusedException e) {
            throw new MetadataException("the metadata URL " + e.getMessage());
        }
        return read(body);
    }

    @Override
    public SamlIdpMetadata parse(String xml) throws MetadataException {
        if (xml == null || xml.isBlank()) {
            throw new MetadataException("is empty");
        }
        if (xml.length() > fetcher.maxBytes()) {
            throw new MetadataException("is larger than " + fetcher.maxBytes() + " characters");
        }
        return read(xml.getBytes(StandardCharsets.UTF_8));
    }

    private SamlIdpMetadata read(byte[] xml) throws MetadataException {
        Document document;
        try {
            document = SamlXml.PARSER.parse(xml);
        } catch (SafeXml.RefusedXmlException e) {
            throw new MetadataException(switch (e.problem()) {
                case DOCTYPE -> "the metadata must not contain a DOCTYPE (DTDs and entities are refused)";
                case TOO_DEEP -> "the metadata nests elements too deeply";
                case MALFORMED -> "the metadata is not well-formed XML";
            });
        }
        Element entity = idpEntity(document.getDocumentElement());
        String entityId = SamlXml.attribute(entity, "entityID");
        if (entityId == null || entityId.isBlank() || entityId.length() > MAX_ENTITY_ID) {
            throw new MetadataException("the metadata's EntityDescriptor has no entityID (or one longer than "
                    + MAX_ENTITY_ID + " characters)");
        }
        List<Element> descriptors = SamlXml.children(entity, SamlXml.METADATA, "IDPSSODescriptor").stream()
                .filter(d -> Arrays.asList(String.valueOf(SamlXml.attribute(d, "protocolSupportEnumeration"))
                        .split("\\s+")).contains(SAML2_PROTOCOL)).toList();
        if (descriptors.isEmpty()) {
            throw new MetadataException("the metadata's IDPSSODescriptor does not support SAML 2.0 ("
                    + SAML2_PROTOCOL + ")");
        }
        Element idp = descriptors.get(0);
        return new SamlIdpMetadata(entityId.trim(), ssoUrl(idp), signingCertificates(idp));
    }

    /** The one entity that is an IdP: the root, or the only one of an EntitiesDescriptor. */
    private static Element idpEntity(Element root) throws MetadataException {
        if (SamlXml.is(root, SamlXml.METADATA, "EntityDescriptor")) {
            return root;
        }
        if (!SamlXml.is(root, SamlXml.METADATA, "EntitiesDescriptor")) {
            throw new MetadataException("is not SAML 2.0 metadata (no md:EntityDescriptor)");
        }
        List<Element> idps = SamlXml.children(root, SamlXml.METADATA, "EntityDescriptor").stream()
                .filter(e -> !SamlXml.children(e, SamlXml.METADATA, "IDPSSODescriptor").isEmpty()).toList();
        if (idps.size() != 1) {
            throw new MetadataException("the metadata describes " + idps.size() + " IdPs; give the metadata of the "
                    + "one IdP");
        }
        return idps.get(0);
    }

    private String ssoUrl(Element idp) throws MetadataException {
        for (Element service : SamlXml.children(idp, SamlXml.METADATA, "SingleSignOnService")) {
            String location = SamlXml.attribute(service, "Location");
            if (SamlXml.HTTP_REDIRECT.equals(SamlXml.attribute(service, "Binding")) && location != null) {
                String url = location.trim();
                var problem = UrlRules.idpUrlProblem(url, insecureAllowHttp);
                if (problem.isPresent()) {
                    throw new MetadataException("the metadata's SingleSignOnService " + url + " " + problem.get());
                }
                return url;
            }
        }
        throw new MetadataException("the metadata has no SingleSignOnService with the HTTP-Redirect binding (the "
                + "binding the broker sends its AuthnRequests with)");
    }

    /** The certificates of the KeyDescriptors for signing (or for any use), each once, base64 DER. */
    private static List<String> signingCertificates(Element idp) throws MetadataException {
        Set<String> found = new LinkedHashSet<>();
        for (Element key : SamlXml.children(idp, SamlXml.METADATA, "KeyDescriptor")) {
            String use = SamlXml.attribute(key, "use");
            if (use != null && !use.equals("signing")) {
                continue;
            }
            for (Element keyInfo : SamlXml.children(key, SamlXml.DSIG, "KeyInfo")) {
                for (Element data : SamlXml.children(keyInfo, SamlXml.DSIG, "X509Data")) {
                    for (Element certificate : SamlXml.children(data, SamlXml.DSIG, "X509Certificate")) {
                        found.add(certificate(SamlXml.text(certificate)));
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new MetadataException("the metadata's IDPSSODescriptor names no signing certificate "
                    + "(KeyDescriptor with ds:X509Certificate)");
        }
        return new ArrayList<>(found);
    }

    /** The certificate, checked and normalized (base64 of its DER, no line breaks). */
    private static String certificate(String base64) throws MetadataException {
        try {
            return SamlCertificates.encode(SamlCertificates.decode(base64));
        } catch (CertificateException e) {
            throw new MetadataException("the metadata holds a signing certificate that is not an X.509 certificate");
        }
    }
}
