package org.ssobroker.saml;

import org.ssobroker.support.SafeXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SAML namespaces and the few DOM walks the SAML code does. Everything is read by namespace
 * and position: only direct children of an element already trusted, never a search through the
 * document (a search finds what an attacker put elsewhere, which is how signature wrapping works).
 */
final class SamlXml {

    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String HTTP_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    static final String HTTP_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    /** SAML messages nest a dozen levels; metadata a few more. */
    static final SafeXml PARSER = new SafeXml(true, 64);

    private SamlXml() {
    }

    static boolean is(Node node, String namespace, String localName) {
        return node instanceof Element element && namespace.equals(element.getNamespaceURI())
                && localName.equals(element.getLocalName());
    }

    /** The direct children of {@code parent} with this name, in document order. */
    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (is(child, namespace, localName)) {
                found.add((Element) child);
            }
        }
        return found;
    }

    /** Every direct element child of {@code parent}. */
    static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                found.add(element);
            }
        }
        return found;
    }

    /**
     * The one direct child with this name, empty when there is none.
     *
     * @throws DoubledElementException when there are several (the caller refuses the message)
     */
    static Optional<Element> child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (found.size() > 1) {
            throw new DoubledElementException(parent.getLocalName() + "/" + localName);
        }
        return found.stream().findFirst();
    }

    /** An element that may occur once occurs several times; the message names it (parent/child). */
    static final class DoubledElementException extends RuntimeException {
        DoubledElementException(String path) {
            super(path, null, false, false);
        }
    }

    /** An attribute without namespace; null when absent (the DOM says ""). */
    static String attribute(Element element, String name) {
        return element.hasAttributeNS(null, name) ? element.getAttributeNS(null, name) : null;
    }

    /** The element's name as messages say it: {@code response}, {@code assertion}. */
    static String name(Element element) {
        return element.getLocalName().toLowerCase(java.util.Locale.ROOT);
    }

    static String text(Element element) {
        return element.getTextContent() == null ? "" : element.getTextContent().trim();
    }

    /** An xs:dateTime; empty when absent. @throws DateTimeParseException when it is no date-time with zone */
    static Optional<Instant> instant(Element element, String name) {
        String value = attribute(element, name);
        return value == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
    }

    /** Escapes text for an XML attribute value or element content. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
