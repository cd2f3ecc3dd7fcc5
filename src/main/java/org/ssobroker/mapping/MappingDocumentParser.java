package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.ssobroker.support.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

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
 * Parses XML mapping documents safely ({@link SafeXml}: DOCTYPE declarations refused outright, so
 * no DTDs, no external entities and no entity expansion bombs; external resources never loaded),
 * with the size capped before parsing.
 */
@ApplicationScoped
public class MappingDocumentParser {

    /** Real mapping documents nest three or four levels. */
    static final int MAX_DEPTH = 32;

    private final SafeXml safeXml = new SafeXml(false, MAX_DEPTH);

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

    private Document read(String text) throws MappingDocumentException {
        try {
            return safeXml.parse(text);
        } catch (SafeXml.RefusedXmlException e) {
            throw switch (e.problem()) {
                case TOO_DEEP -> tooDeep();
                case DOCTYPE -> new MappingDocumentException("must not contain a DOCTYPE: DTDs and entities are not "
                        + "allowed");
                case MALFORMED -> new MappingDocumentException(e.line() < 0 ? "cannot be read as XML"
                        : "is not well-formed XML (line " + e.line() + ", column " + e.column() + ")");
            };
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
