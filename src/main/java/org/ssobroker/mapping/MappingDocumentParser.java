package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses XML mapping documents safely: DOCTYPE declarations are refused outright (no DTDs, so
 * no external entities and no entity expansion bombs), external resources are never loaded,
 * and the size is capped before parsing.
 */
@ApplicationScoped
public class MappingDocumentParser {

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

    /** Real mapping documents nest three or four levels. */
    static final int MAX_DEPTH = 32;

    private final DocumentBuilderFactory factory;

    public MappingDocumentParser() {
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
        // The JDK parser stops deep documents itself, before building them (the walk checks again).
        factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
    }

    public MappingDocument parse(String xml, int maxBytes) throws MappingDocumentException {
        if (xml == null || xml.isBlank()) {
            throw new MappingDocumentException("is empty");
        }
        if (xml.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new MappingDocumentException("is larger than " + maxBytes + " bytes");
        }
        Document document = read(xml);
        List<LinkedHashMap<String, String>> records = new ArrayList<>();
        Set<String> nodes = new LinkedHashSet<>();
        collect(document.getDocumentElement(), records, nodes);
        if (nodes.isEmpty()) {
            throw new MappingDocumentException("contains no mapping elements");
        }
        return MappingDocument.of(records, nodes);
    }

    private Document read(String xml) throws MappingDocumentException {
        try {
            DocumentBuilder builder;
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(FAIL_FAST);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("maxElementDepth")) {
                throw tooDeep();
            }
            if (message.contains("DOCTYPE")) {
                throw new MappingDocumentException("must not contain a DOCTYPE: DTDs and entities are not allowed");
            }
            throw new MappingDocumentException("is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ")");
        } catch (SAXException e) {
            throw new MappingDocumentException("is not usable XML: external entities are not allowed");
        } catch (IOException | ParserConfigurationException e) {
            throw new MappingDocumentException("cannot be read as XML");
        }
    }

    /**
     * A record is an element whose element children all hold text only. Walked iteratively (an
     * explicit stack, document order), so nesting costs no Java stack; deeper than
     * {@link #MAX_DEPTH} is refused.
     */
    private static void collect(Element root, List<LinkedHashMap<String, String>> records, Set<String> nodes)
            throws MappingDocumentException {
        Deque<Map.Entry<Element, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(root, 1));
        while (!pending.isEmpty()) {
            Map.Entry<Element, Integer> next = pending.pop();
            if (next.getValue() > MAX_DEPTH) {
                throw tooDeep();
            }
            List<Element> children = childElements(next.getKey());
            if (children.isEmpty()) {
                continue;
            }
            if (children.stream().allMatch(c -> childElements(c).isEmpty())) {
                LinkedHashMap<String, String> record = new LinkedHashMap<>();
                for (Element child : children) {
                    nodes.add(child.getTagName());
                    record.putIfAbsent(child.getTagName(), child.getTextContent());
                }
                records.add(record);
                continue;
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(Map.entry(children.get(i), next.getValue() + 1));
            }
        }
    }

    private static MappingDocumentException tooDeep() {
        return new MappingDocumentException("nests elements deeper than " + MAX_DEPTH + " levels");
    }

    private static List<Element> childElements(Element element) {
        List<Element> result = new ArrayList<>();
        NodeList list = element.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i).getNodeType() == Node.ELEMENT_NODE) {
                result.add((Element) list.item(i));
            }
        }
        return result;
    }
}
