package org.ssobroker.saml;

import org.w3c.dom.Element;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Checks an enveloped XML signature with the JDK's XML DSig (its own copy of Apache Santuario, the
 * {@code "DOM"} mechanism), in the shape SAML uses and nothing else: the signature is a direct child
 * of the element it signs, with one Reference whose URI is {@code #} + that element's ID, the
 * enveloped-signature and canonicalization transforms only, and SHA-2 algorithms. The element's ID
 * is declared as an ID here, on that element alone (no DTD or schema declares any other), so the
 * Reference cannot resolve to anything else; JDK secure validation also refuses duplicate IDs. The
 * key comes from the IdP's metadata, never from the signature's KeyInfo.
 */
final class SignatureCheck {

    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.INCLUSIVE,
            CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS, "http://www.w3.org/2006/12/xml-c14n11");
    private static final Set<String> CANONICALIZATIONS = Set.of(CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.INCLUSIVE,
            "http://www.w3.org/2006/12/xml-c14n11");
    private static final Set<String> SIGNATURE_METHODS = Set.of(SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA384,
            SignatureMethod.RSA_SHA512, SignatureMethod.ECDSA_SHA256, SignatureMethod.ECDSA_SHA384,
            SignatureMethod.ECDSA_SHA512);
    private static final Set<String> DIGEST_METHODS = Set.of(DigestMethod.SHA256, DigestMethod.SHA384,
            DigestMethod.SHA512);

    private SignatureCheck() {
    }

    /**
     * Whether {@code signature}, a direct child of {@code signed}, verifies with one of the
     * certificates' keys (several during a rollover).
     *
     * @throws SamlRefusal when the signature is not of the accepted shape (another element signed,
     *                     several references, a transform or algorithm refused, unreadable)
     */
    static boolean verifies(Element signed, Element signature, List<X509Certificate> certificates) {
        String id = SamlXml.attribute(signed, "ID");
        if (id == null || id.isBlank()) {
            throw new SamlRefusal(SamlRefusal.Check.WRAPPING, "the signed " + SamlXml.name(signed) + " has no ID");
        }
        signed.setIdAttributeNS(null, "ID", true);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        for (X509Certificate certificate : certificates) {
            DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signature);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature xml;
            try {
                xml = factory.unmarshalXMLSignature(context);
            } catch (MarshalException e) {
                throw new SamlRefusal(SamlRefusal.Check.BAD_SIGNATURE, "the " + SamlXml.name(signed)
                        + "'s signature is malformed");
            }
            requireShape(xml, SamlXml.name(signed), id);
            try {
                if (xml.validate(context)) {
                    return true;
                }
            } catch (XMLSignatureException e) {
                // This key cannot check it (another key type, a reference refused by secure validation): next key.
            }
        }
        return false;
    }

    private static void requireShape(XMLSignature xml, String element, String id) {
        List<?> references = xml.getSignedInfo().getReferences();
        if (references.size() != 1) {
            throw new SamlRefusal(SamlRefusal.Check.WRAPPING, "the " + element + "'s signature signs "
                    + references.size() + " references, not the " + element + " alone");
        }
        Reference reference = (Reference) references.get(0);
        if (!("#" + id).equals(reference.getURI())) {
            throw new SamlRefusal(SamlRefusal.Check.WRAPPING, "the " + element + "'s signature signs another element ("
                    + reference.getURI() + "), not the " + element + " it is in");
        }
        for (Object transform : reference.getTransforms()) {
            String algorithm = ((Transform) transform).getAlgorithm();
            if (!TRANSFORMS.contains(algorithm)) {
                throw new SamlRefusal(SamlRefusal.Check.BAD_SIGNATURE, "the " + element + "'s signature uses the "
                        + "transform " + algorithm + ", which is refused");
            }
        }
        String canonicalization = xml.getSignedInfo().getCanonicalizationMethod().getAlgorithm();
        String method = xml.getSignedInfo().getSignatureMethod().getAlgorithm();
        String digest = reference.getDigestMethod().getAlgorithm();
        if (!CANONICALIZATIONS.contains(canonicalization) || !SIGNATURE_METHODS.contains(method)
                || !DIGEST_METHODS.contains(digest)) {
            throw new SamlRefusal(SamlRefusal.Check.BAD_SIGNATURE, "the " + element + "'s signature uses " + method
                    + " with " + digest + "; only RSA or ECDSA with SHA-256, -384 or -512 are accepted");
        }
    }
}
