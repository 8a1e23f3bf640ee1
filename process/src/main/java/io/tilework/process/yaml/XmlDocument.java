package io.tilework.process.yaml;

import io.tilework.process.failure.MalformedYaml;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML form of a specification or model: the same tree as its YAML, so that one reader serves
 * both and messages name the XML's lines. An element is a mapping of its attributes (scalars) and
 * child elements (by tag); an element whose children are all {@code <item>} is a sequence; an
 * element with only text is a scalar, an empty one an empty mapping. The root element's name is
 * free. No DTDs, so no external entities.
 */
final class XmlDocument {

    private XmlDocument() {
    }

    /** Whether {@code text} (from {@code file}) is XML rather than YAML. */
    static boolean isXml(String file, String text) {
        return file.endsWith(".xml") || text.stripLeading().startsWith("<");
    }

    static YamlNode parse(String file, String text) {
        var handler = new TreeBuilder();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(new StringReader(text)), handler);
        } catch (SAXParseException e) {
            throw new MalformedYaml(file, Math.max(1, e.getLineNumber()), "not valid XML: " + e.getMessage());
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new MalformedYaml(file, 1, "cannot read as XML: " + e.getMessage());
        }
        if (handler.root == null) {
            throw new MalformedYaml(file, 1, "an XML document needs a root element");
        }
        return node(file, handler.root);
    }

    private static YamlNode node(String file, Element element) {
        String text = element.text.toString().strip();
        if (element.attributes.isEmpty() && element.children.isEmpty()) {
            return text.isEmpty() ? YamlNode.mapping(file, element.line, Map.of()) : YamlNode.scalar(file, element.line, text);
        }
        if (!text.isEmpty()) {
            throw new MalformedYaml(file, element.line, "<" + element.name + "> mixes text with attributes or elements; put the text in an element of its own");
        }
        if (element.attributes.isEmpty() && element.children.stream().allMatch(child -> child.name.equals("item"))) {
            var items = new ArrayList<YamlNode>();
            element.children.forEach(child -> items.add(node(file, child)));
            return YamlNode.sequence(file, element.line, Collections.unmodifiableList(items));
        }
        var entries = new LinkedHashMap<String, YamlNode>();
        element.attributes.forEach((name, value) -> entries.put(name, YamlNode.scalar(file, element.line, value)));
        for (Element child : element.children) {
            if (child.name.equals("item")) {
                throw new MalformedYaml(file, child.line, "<item> stands beside other content of <" + element.name
                        + ">; a list is an element whose children are all <item>");
            }
            if (entries.put(child.name, node(file, child)) != null) {
                throw new MalformedYaml(file, child.line, "<" + child.name + "> is given twice in <" + element.name
                        + ">; for a list, wrap <item> elements in one <" + child.name + ">");
            }
        }
        return YamlNode.mapping(file, element.line, Collections.unmodifiableMap(entries));
    }

    private static final class Element {
        final String name;
        final int line;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Element(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    private static final class TreeBuilder extends DefaultHandler {
        private final Deque<Element> open = new ArrayDeque<>();
        private Locator locator;
        Element root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes attributes) {
            var element = new Element(name, locator == null ? 1 : locator.getLineNumber());
            for (int i = 0; i < attributes.getLength(); i++) {
                element.attributes.put(attributes.getQName(i), attributes.getValue(i));
            }
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String name) {
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }
    }
}
