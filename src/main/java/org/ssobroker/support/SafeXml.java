package org.ssobroker.support;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;

/**
 * The one way the broker parses XML it did not write (mapping documents, SAML metadata and
 * responses): DOCTYPE declarations are refused outright, so there is no DTD, no external entity
 * and no entity expansion; no external resource is ever loaded (no XInclude, no schema); the JDK
 * parser's secure processing limits apply, and so does a maximum element depth, enforced while
 * parsing.
 */
public final class SafeXml {

    /** Why a text is not accepted as XML. */
    public enum Problem { DOCTYPE, TOO_DEEP, MALFORMED }

    /** The refusal, with the position of a well-formedness error when there is one. */
    public static final class RefusedXmlException extends Exception {
        private final Problem problem;
        private final int line;
        private final int column;

        RefusedXmlException(Problem problem, int line, int column) {
            super(problem.name(), null, false, false);
            this.problem = problem;
            this.line = line;
            this.column = column;
        }

        public Problem problem() {
            return problem;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private static final ErrorHandler FAIL_FAST = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document unusable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final DocumentBuilderFactory factory;

    /**
     * @param namespaceAware SAML needs namespaces; mapping documents are read by tag name
     * @param maxDepth       deeper documents are refused by the parser, before they are built
     */
    public SafeXml(boolean namespaceAware, int maxDepth) {
        factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be secured", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(maxDepth));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(namespaceAware);
    }

    public Document parse(String xml) throws RefusedXmlException {
        return parse(new InputSource(new StringReader(xml)));
    }

    /** Bytes: the encoding comes from the XML declaration (UTF-8 without one). */
    public Document parse(byte[] xml) throws RefusedXmlException {
        return parse(new InputSource(new ByteArrayInputStream(xml)));
    }

    private Document parse(InputSource source) throws RefusedXmlException {
        try {
            DocumentBuilder builder;
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(FAIL_FAST);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(source);
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("maxElementDepth")) {
                throw new RefusedXmlException(Problem.TOO_DEEP, e.getLineNumber(), e.getColumnNumber());
            }
            if (message.contains("DOCTYPE")) {
                throw new RefusedXmlException(Problem.DOCTYPE, e.getLineNumber(), e.getColumnNumber());
            }
            throw new RefusedXmlException(Problem.MALFORMED, e.getLineNumber(), e.getColumnNumber());
        } catch (SAXException e) {
            throw new RefusedXmlException(Problem.DOCTYPE, -1, -1);
        } catch (IOException | ParserConfigurationException e) {
            throw new RefusedXmlException(Problem.MALFORMED, -1, -1);
        }
    }
}
