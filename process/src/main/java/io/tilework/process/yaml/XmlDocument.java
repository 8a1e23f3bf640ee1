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
        int doctype = text.indexOf("<!DOCTYPE");
        if (doctype >= 0) {
            // Refused before parsing, in words: the parser's own refusal names its feature's URL.
            throw new MalformedYaml(file, lineAt(text, doctype), "a DTD (<!DOCTYPE ...>) is not allowed: remove it; "
                    + "entities and external files are never read");
        }
        var handler = new TreeBuilder(file);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(new StringReader(text)), handler);
        } catch (SAXParseException e) {
            if (e.getException() instanceof MalformedYaml beyond) {
                throw beyond;
            }
            throw new MalformedYaml(file, Math.max(1, e.getLineNumber()), "not valid XML: " + Excerpt.of(e.getMessage(), Excerpt.LINE));
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new MalformedYaml(file, 1, "cannot read as XML: " + Excerpt.of(e.getMessage(), Excerpt.LINE));
        }
        if (handler.root == null) {
            throw new MalformedYaml(file, 1, "an XML document needs a root element");
        }
        return node(file, handler.root);
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
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

    /** Builds the elements, refusing a document nested deeper or holding more values than a YAML one may. */
    private static final class TreeBuilder extends DefaultHandler {
        private final String file;
        private final Deque<Element> open = new ArrayDeque<>();
        private Locator locator;
        private int values;
        Element root;

        TreeBuilder(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes attributes) throws SAXParseException {
            int line = locator == null ? 1 : locator.getLineNumber();
            values += 1 + attributes.getLength();
            if (open.size() >= YamlNode.MAX_DEPTH || values > YamlNode.MAX_VALUES) {
                var beyond = new MalformedYaml(file, line, open.size() >= YamlNode.MAX_DEPTH
                        ? "elements nested more than " + YamlNode.MAX_DEPTH + " levels deep"
                        : "more than " + String.format("%,d", YamlNode.MAX_VALUES) + " elements and attributes");
                throw new SAXParseException(beyond.getMessage(), locator, beyond);
            }
            var element = new Element(name, line);
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
