package org.ssobroker.saml;

import org.ssobroker.support.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decrypts an {@code EncryptedAssertion} (XML Encryption 1.1) with the SP's encryption key, with
 * javax.crypto alone: the content key is transported with RSA-OAEP ({@code xmlenc#rsa-oaep-mgf1p}
 * or {@code xmlenc11#rsa-oaep}, SHA-1 or SHA-2 digests and MGF1), the assertion encrypted with
 * AES-GCM or AES-CBC. RSA PKCS#1 v1.5 key transport is refused (Bleichenbacher's attack), and so
 * is 3DES. Every failure gives the same answer, whatever failed (key, padding, tag, the
 * decrypted XML): the broker is no decryption oracle. The decrypted assertion is parsed like the
 * response (no DOCTYPE), in the namespace context of the EncryptedAssertion.
 */
final class AssertionDecryption {

    private static final String RSA_OAEP_MGF1P = SamlXml.XENC + "rsa-oaep-mgf1p";
    private static final String RSA_OAEP = SamlXml.XENC11 + "rsa-oaep";
    private static final Map<String, Integer> CBC = Map.of(SamlXml.XENC + "aes128-cbc", 16,
            SamlXml.XENC + "aes192-cbc", 24, SamlXml.XENC + "aes256-cbc", 32);
    private static final Map<String, Integer> GCM = Map.of(SamlXml.XENC11 + "aes128-gcm", 16,
            SamlXml.XENC11 + "aes192-gcm", 24, SamlXml.XENC11 + "aes256-gcm", 32);
    private static final Map<String, String> DIGESTS = Map.of(
            "http://www.w3.org/2000/09/xmldsig#sha1", "SHA-1",
            "http://www.w3.org/2001/04/xmlenc#sha256", "SHA-256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384",
            "http://www.w3.org/2001/04/xmlenc#sha512", "SHA-512");
    private static final Map<String, String> MGFS = Map.of(
            SamlXml.XENC11 + "mgf1sha1", "SHA-1", SamlXml.XENC11 + "mgf1sha224", "SHA-224",
            SamlXml.XENC11 + "mgf1sha256", "SHA-256", SamlXml.XENC11 + "mgf1sha384", "SHA-384",
            SamlXml.XENC11 + "mgf1sha512", "SHA-512");
    static final String UNDECRYPTABLE = "the encrypted assertion cannot be decrypted with this service provider's "
            + "encryption key (or uses refused algorithms: the broker accepts RSA-OAEP with AES-GCM or AES-CBC)";

    private AssertionDecryption() {
    }

    /**
     * @return the decrypted assertion, the only element child of a wrapper element that carries the
     *         namespace declarations in scope at the EncryptedAssertion
     * @throws SamlRefusal (decryption) for anything that prevents it
     */
    static Element decrypt(Element encryptedAssertion, PrivateKey key) {
        try {
            Element data = SamlXml.child(encryptedAssertion, SamlXml.XENC, "EncryptedData").orElseThrow();
            String type = SamlXml.attribute(data, "Type");
            if (type != null && !type.equals(SamlXml.XENC + "Element")) {
                throw refused();
            }
            String algorithm = algorithm(data);
            Integer keyLength = CBC.containsKey(algorithm) ? CBC.get(algorithm) : GCM.get(algorithm);
            if (keyLength == null) {
                throw refused();
            }
            byte[] contentKey = contentKey(encryptedAssertion, data, key, keyLength);
            byte[] plain = decryptData(cipherValue(data), contentKey, GCM.containsKey(algorithm));
            return assertion(plain, encryptedAssertion);
        } catch (GeneralSecurityException | RuntimeException | SafeXml.RefusedXmlException e) {
            // One answer for every failure (no padding or parsing oracle).
            throw refused();
        }
    }

    private static SamlRefusal refused() {
        return new SamlRefusal(SamlRefusal.Check.DECRYPTION, UNDECRYPTABLE);
    }

    /** The first EncryptedKey (in the EncryptedData's KeyInfo, or beside it) this key opens. */
    private static byte[] contentKey(Element encryptedAssertion, Element data, PrivateKey key, int length)
            throws GeneralSecurityException {
        List<Element> candidates = new ArrayList<>();
        SamlXml.child(data, SamlXml.DSIG, "KeyInfo")
                .ifPresent(info -> candidates.addAll(SamlXml.children(info, SamlXml.XENC, "EncryptedKey")));
        candidates.addAll(SamlXml.children(encryptedAssertion, SamlXml.XENC, "EncryptedKey"));
        GeneralSecurityException last = new GeneralSecurityException("no EncryptedKey");
        for (Element encryptedKey : candidates) {
            try {
                byte[] contentKey = unwrap(encryptedKey, key);
                if (contentKey.length == length) {
                    return contentKey;
                }
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] unwrap(Element encryptedKey, PrivateKey key) throws GeneralSecurityException {
        Element method = SamlXml.child(encryptedKey, SamlXml.XENC, "EncryptionMethod").orElseThrow();
        String algorithm = SamlXml.attribute(method, "Algorithm");
        if (!RSA_OAEP_MGF1P.equals(algorithm) && !RSA_OAEP.equals(algorithm)) {
            throw new GeneralSecurityException("key transport refused: " + algorithm);
        }
        String digest = SamlXml.child(method, SamlXml.DSIG, "DigestMethod")
                .map(d -> DIGESTS.get(SamlXml.attribute(d, "Algorithm"))).orElse("SHA-1");
        // rsa-oaep-mgf1p always uses MGF1 with SHA-1; rsa-oaep names its MGF (SHA-1 by default).
        String mgf = RSA_OAEP.equals(algorithm) ? SamlXml.child(method, SamlXml.XENC11, "MGF")
                .map(m -> MGFS.get(SamlXml.attribute(m, "Algorithm"))).orElse("SHA-1") : "SHA-1";
        if (digest == null || mgf == null) {
            throw new GeneralSecurityException("digest refused");
        }
        byte[] label = SamlXml.child(method, SamlXml.XENC, "OAEPparams")
                .map(p -> Base64.getMimeDecoder().decode(SamlXml.text(p))).orElse(new byte[0]);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec(digest, "MGF1", new MGF1ParameterSpec(mgf),
                new PSource.PSpecified(label)));
        return rsa.doFinal(cipherValue(encryptedKey));
    }

    private static byte[] decryptData(byte[] encrypted, byte[] contentKey, boolean gcm)
            throws GeneralSecurityException {
        SecretKeySpec aes = new SecretKeySpec(contentKey, "AES");
        if (gcm) {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, encrypted, 0, 12));
            return cipher.doFinal(encrypted, 12, encrypted.length - 12);
        }
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(encrypted, 0, 16));
        byte[] padded = cipher.doFinal(encrypted, 16, encrypted.length - 16);
        // XML Encryption's padding: the last byte counts the padding bytes (1 to the block size).
        int padding = padded.length == 0 ? 0 : padded[padded.length - 1] & 0xff;
        if (padding < 1 || padding > 16 || padding > padded.length) {
            throw new GeneralSecurityException("bad padding");
        }
        return Arrays.copyOf(padded, padded.length - padding);
    }

    private static String algorithm(Element encrypted) {
        return SamlXml.child(encrypted, SamlXml.XENC, "EncryptionMethod")
                .map(m -> SamlXml.attribute(m, "Algorithm")).orElse(null);
    }

    private static byte[] cipherValue(Element encrypted) {
        Element cipherData = SamlXml.child(encrypted, SamlXml.XENC, "CipherData").orElseThrow();
        return Base64.getMimeDecoder().decode(SamlXml.text(
                SamlXml.child(cipherData, SamlXml.XENC, "CipherValue").orElseThrow()));
    }

    /**
     * The decrypted octets are an element serialized in the context of the EncryptedAssertion: they
     * are parsed inside a wrapper declaring that context's namespaces, and must be one Assertion.
     */
    private static Element assertion(byte[] plain, Element context) throws SafeXml.RefusedXmlException {
        String xml = new String(plain, StandardCharsets.UTF_8);
        if (xml.startsWith("<?xml")) {
            xml = xml.substring(xml.indexOf("?>") + 2);
        }
        StringBuilder wrapper = new StringBuilder("<wrapper");
        inScopeNamespaces(context).forEach((prefix, uri) -> wrapper.append(prefix.isEmpty() ? " xmlns" : " xmlns:"
                + prefix).append("=\"").append(SamlXml.escape(uri)).append('"'));
        Document document = SamlXml.PARSER.parse(wrapper.append('>').append(xml).append("</wrapper>").toString());
        List<Element> elements = SamlXml.elements(document.getDocumentElement());
        if (elements.size() != 1 || !SamlXml.is(elements.get(0), SamlXml.ASSERTION, "Assertion")) {
            throw new IllegalStateException("not one assertion");
        }
        return elements.get(0);
    }

    /** The namespace declarations in scope at an element, the nearest winning. */
    private static Map<String, String> inScopeNamespaces(Element element) {
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (Node node = element; node instanceof Element current; node = node.getParentNode()) {
            NamedNodeMap attributes = current.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                    String prefix = "xmlns".equals(attribute.getNodeName()) ? "" : attribute.getLocalName();
                    namespaces.putIfAbsent(prefix, Optional.ofNullable(attribute.getNodeValue()).orElse(""));
                }
            }
        }
        return namespaces;
    }
}
