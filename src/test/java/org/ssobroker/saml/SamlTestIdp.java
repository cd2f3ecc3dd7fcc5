package org.ssobroker.saml;

import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A SAML IdP in the test: its keys and metadata, and Responses built as a real IdP builds them,
 * signed with the JDK's {@link XMLSignatureFactory} (enveloped, exclusive c14n, RSA-SHA256) and
 * encrypted with Apache Santuario's {@link XMLCipher}, then changed the way an attacker would.
 */
public final class SamlTestIdp {

    static {
        org.apache.xml.security.Init.init();
    }

    public static final String ENTITY_ID = "https://idp.example.test/saml";
    public static final String SSO_URL = "https://idp.example.test/saml/sso";

    private final String entityId;
    private final List<KeyPair> keys = new ArrayList<>();
    private final List<X509Certificate> certificates = new ArrayList<>();

    public SamlTestIdp() {
        this(ENTITY_ID);
    }

    public SamlTestIdp(String entityId) {
        this.entityId = entityId;
        addKey();
    }

    /** Another signing key (a rollover); {@link #signWith} picks which one signs. */
    public int addKey() {
        KeyPair pair = rsa();
        keys.add(pair);
        certificates.add(certificate(pair, "CN=test idp " + keys.size()));
        return keys.size() - 1;
    }

    public String entityId() {
        return entityId;
    }

    public KeyPair key(int index) {
        return keys.get(index);
    }

    /** The IdP's metadata naming the signing certificates of these key indexes. */
    public String metadata(int... certificateIndexes) {
        StringBuilder keyDescriptors = new StringBuilder();
        for (int index : certificateIndexes.length == 0 ? new int[] {0} : certificateIndexes) {
            keyDescriptors.append("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>")
                    .append(encode(certificates.get(index)))
                    .append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
        }
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + keyDescriptors
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + SSO_URL + "/post\"/>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\""
                + SSO_URL + "\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    /** What the IdP received: the AuthnRequest of a redirect to its SSO URL (inflated). */
    public static Document authnRequest(String location) {
        String query = location.substring(location.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            if (pair.startsWith("SAMLRequest=")) {
                byte[] deflated = Base64.getDecoder().decode(URLDecoder.decode(pair.substring(12),
                        StandardCharsets.UTF_8));
                try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(deflated),
                        new Inflater(true))) {
                    return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no SAMLRequest in " + location);
    }

    /** A Response as the IdP would answer; change it with the builder's methods before {@link Builder#build()}. */
    public Builder response(String inResponseTo, String acsUrl, String spEntityId) {
        return new Builder(inResponseTo, acsUrl, spEntityId);
    }

    public final class Builder {
        private String inResponseTo;
        private String destination;
        private String recipient;
        private String audience;
        private String issuer = entityId;
        private String nameId = "u-" + UUID.randomUUID();
        private String nameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
        private Instant issueInstant = Instant.now();
        private Instant notBefore = Instant.now().minusSeconds(30);
        private Instant notOnOrAfter = Instant.now().plus(Duration.ofMinutes(5));
        private String assertionId = "_a" + UUID.randomUUID().toString().replace("-", "");
        private final Map<String, List<String>> attributes = new LinkedHashMap<>();
        private final Map<String, String> friendlyNames = new LinkedHashMap<>();
        private boolean signAssertion = true;
        private boolean signResponse;
        private int signingKey;
        private KeyPair foreignKey;
        private PublicKey encryptTo;
        private String dataAlgorithm = XMLCipher.AES_256_GCM;
        private String keyAlgorithm = XMLCipher.RSA_OAEP;
        private String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
        private UnaryOperator<Document> tamper = UnaryOperator.identity();
        private UnaryOperator<String> tamperXml = UnaryOperator.identity();

        private Builder(String inResponseTo, String acsUrl, String spEntityId) {
            this.inResponseTo = inResponseTo;
            this.destination = acsUrl;
            this.recipient = acsUrl;
            this.audience = spEntityId;
        }

        public Builder nameId(String value, String format) {
            nameId = value;
            nameIdFormat = format;
            return this;
        }

        public Builder attribute(String name, String friendlyName, String... values) {
            attributes.put(name, List.of(values));
            if (friendlyName != null) {
                friendlyNames.put(name, friendlyName);
            }
            return this;
        }

        public Builder inResponseTo(String value) {
            inResponseTo = value;
            return this;
        }

        public Builder destination(String value) {
            destination = value;
            return this;
        }

        public Builder recipient(String value) {
            recipient = value;
            return this;
        }

        public Builder audience(String value) {
            audience = value;
            return this;
        }

        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        public Builder assertionId(String value) {
            assertionId = value;
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            notBefore = from;
            notOnOrAfter = until;
            issueInstant = from;
            return this;
        }

        public Builder status(String value) {
            status = value;
            return this;
        }

        /** Who signs what: the assertion (default) and/or the response. */
        public Builder signed(boolean assertion, boolean response) {
            signAssertion = assertion;
            signResponse = response;
            return this;
        }

        public Builder signWith(int keyIndex) {
            signingKey = keyIndex;
            return this;
        }

        /** Signed by a key the metadata does not name. */
        public Builder signedByForeignKey() {
            foreignKey = rsa();
            return this;
        }

        /** Encrypts the (signed) assertion to the SP's encryption certificate. */
        public Builder encryptedTo(X509Certificate certificate, String dataAlgorithm, String keyAlgorithm) {
            encryptTo = certificate.getPublicKey();
            this.dataAlgorithm = dataAlgorithm;
            this.keyAlgorithm = keyAlgorithm;
            return this;
        }

        /** Changes the signed (and encrypted) document before the response is signed and serialized. */
        public Builder tamper(UnaryOperator<Document> change) {
            tamper = change;
            return this;
        }

        /** Changes the final XML text (after every signature). */
        public Builder tamperXml(UnaryOperator<String> change) {
            tamperXml = change;
            return this;
        }

        public String assertionId() {
            return assertionId;
        }

        /** The base64 SAMLResponse. */
        public String build() {
            return Base64.getEncoder().encodeToString(xml().getBytes(StandardCharsets.UTF_8));
        }

        public String xml() {
            Document document = parse(responseXml());
            Element response = document.getDocumentElement();
            Element assertion = child(response, "Assertion");
            KeyPair signer = foreignKey != null ? foreignKey : keys.get(signingKey);
            if (signAssertion) {
                sign(assertion, signer);
            }
            if (encryptTo != null) {
                encrypt(document, assertion);
            }
            document = tamper.apply(document);
            if (signResponse) {
                sign(document.getDocumentElement(), signer);
            }
            return tamperXml.apply(serialize(document));
        }

        private String responseXml() {
            StringBuilder attributeXml = new StringBuilder();
            attributes.forEach((name, values) -> {
                attributeXml.append("<saml:Attribute Name=\"").append(name).append('"');
                if (friendlyNames.containsKey(name)) {
                    attributeXml.append(" FriendlyName=\"").append(friendlyNames.get(name)).append('"');
                }
                attributeXml.append(" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">");
                values.forEach(value -> attributeXml.append("<saml:AttributeValue xsi:type=\"xs:string\">")
                        .append(value).append("</saml:AttributeValue>"));
                attributeXml.append("</saml:Attribute>");
            });
            String irt = inResponseTo == null ? "" : " InResponseTo=\"" + inResponseTo + "\"";
            return "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                    + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" "
                    + "ID=\"_r" + UUID.randomUUID().toString().replace("-", "") + "\" Version=\"2.0\" IssueInstant=\""
                    + time(issueInstant) + "\"" + (destination == null ? "" : " Destination=\"" + destination + "\"")
                    + irt + ">"
                    + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                    + "<samlp:Status><samlp:StatusCode Value=\"" + status + "\"/></samlp:Status>"
                    + "<saml:Assertion xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
                    + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ID=\"" + assertionId + "\" "
                    + "Version=\"2.0\" IssueInstant=\"" + time(issueInstant) + "\">"
                    + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                    + "<saml:Subject><saml:NameID Format=\"" + nameIdFormat + "\">" + nameId + "</saml:NameID>"
                    + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                    + "<saml:SubjectConfirmationData" + irt + " NotOnOrAfter=\"" + time(notOnOrAfter)
                    + "\" Recipient=\"" + recipient + "\"/></saml:SubjectConfirmation></saml:Subject>"
                    + "<saml:Conditions NotBefore=\"" + time(notBefore) + "\" NotOnOrAfter=\"" + time(notOnOrAfter)
                    + "\"><saml:AudienceRestriction><saml:Audience>" + audience
                    + "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
                    + "<saml:AuthnStatement AuthnInstant=\"" + time(issueInstant) + "\" SessionIndex=\"s1\">"
                    + "<saml:AuthnContext><saml:AuthnContextClassRef>"
                    + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>"
                    + "</saml:AuthnContext></saml:AuthnStatement>"
                    + "<saml:AttributeStatement>" + attributeXml + "</saml:AttributeStatement>"
                    + "</saml:Assertion></samlp:Response>";
        }

        private void encrypt(Document document, Element assertion) {
            try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(dataAlgorithm.contains("128") ? 128 : 256);
                SecretKey contentKey = generator.generateKey();
                XMLCipher keyCipher = XMLCipher.getInstance(keyAlgorithm);
                keyCipher.init(XMLCipher.WRAP_MODE, encryptTo);
                EncryptedKey encryptedKey = keyCipher.encryptKey(document, contentKey);
                XMLCipher dataCipher = XMLCipher.getInstance(dataAlgorithm);
                dataCipher.init(XMLCipher.ENCRYPT_MODE, contentKey);
                EncryptedData data = dataCipher.getEncryptedData();
                org.apache.xml.security.keys.KeyInfo keyInfo = new org.apache.xml.security.keys.KeyInfo(document);
                keyInfo.add(encryptedKey);
                data.setKeyInfo(keyInfo);
                Element encryptedAssertion = document.createElementNS("urn:oasis:names:tc:SAML:2.0:assertion",
                        "saml:EncryptedAssertion");
                assertion.getParentNode().insertBefore(encryptedAssertion, assertion);
                encryptedAssertion.appendChild(assertion);
                dataCipher.doFinal(document, assertion, false);
            } catch (Exception e) {
                throw new IllegalStateException("encryption failed", e);
            }
        }
    }

    /** An enveloped signature of {@code element} (after its Issuer), as SAML IdPs sign. */
    public static void sign(Element element, KeyPair key) {
        try {
            element.setIdAttributeNS(null, "ID", true);
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            Reference reference = factory.newReference("#" + element.getAttribute("ID"),
                    factory.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = factory.newSignedInfo(factory.newCanonicalizationMethod(
                            CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
            KeyInfoFactory keyInfos = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newKeyValue(key.getPublic())));
            Element issuer = child(element, "Issuer");
            DOMSignContext context = new DOMSignContext(key.getPrivate(), element,
                    issuer == null ? element.getFirstChild() : issuer.getNextSibling());
            context.setDefaultNamespacePrefix("ds");
            factory.newXMLSignature(signedInfo, keyInfo).sign(context);
        } catch (Exception e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** The first direct child with this local name (any namespace), or null. */
    public static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String serialize(Document document) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(KeyPair pair, String name) {
        try {
            X500Name subject = new X500Name(name);
            Instant now = Instant.now();
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
