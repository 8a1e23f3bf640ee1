package io.tilework.process.yaml;

import io.tilework.process.failure.MalformedYaml;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML value that remembers where it was written: the file and line that every validation
 * message names. Scalars stay text until a reader asks for a type; mappings keep their order.
 * The same tree also comes from the XML form of a document ({@link XmlDocument}).
 */
public final class YamlNode {

    private final String file;
    private final int line;
    private final String scalar;
    private final Map<String, YamlNode> mapping;
    private final List<YamlNode> sequence;

    private YamlNode(String file, int line, String scalar, Map<String, YamlNode> mapping, List<YamlNode> sequence) {
        this.file = file;
        this.line = line;
        this.scalar = scalar;
        this.mapping = mapping;
        this.sequence = sequence;
    }

    /** Parses {@code text}, YAML or its XML form; {@code file} is the name messages give it. */
    public static YamlNode parse(String file, String text) {
        return XmlDocument.isXml(file, text) ? XmlDocument.parse(file, text) : parse(file, new StringReader(text));
    }

    /** Whether {@code text} (from {@code file}) is in the XML form. */
    public static boolean isXml(String file, String text) {
        return XmlDocument.isXml(file, text);
    }

    static YamlNode scalar(String file, int line, String text) {
        return new YamlNode(file, line, text, null, null);
    }

    static YamlNode mapping(String file, int line, Map<String, YamlNode> entries) {
        return new YamlNode(file, line, null, entries, null);
    }

    static YamlNode sequence(String file, int line, List<YamlNode> items) {
        return new YamlNode(file, line, null, null, items);
    }

    public static YamlNode parse(String file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (reader) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                return new YamlNode(file, 1, null, new LinkedHashMap<>(), null);
            }
            return of(file, root, root.getStartMark().getLine() + 1);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new MalformedYaml(file, line, "not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new MalformedYaml(file, 1, "cannot read: " + e.getMessage());
        }
    }

    /** @param line where the value is said to be: for a mapping's value, the line of its key */
    private static YamlNode of(String file, Node node, int line) {
        return switch (node) {
            case ScalarNode scalar -> new YamlNode(file, line, isNull(scalar) ? null : scalar.getValue(), null, null);
            case SequenceNode list -> {
                var items = new ArrayList<YamlNode>();
                for (Node item : list.getValue()) {
                    items.add(of(file, item, item.getStartMark().getLine() + 1));
                }
                yield new YamlNode(file, line, null, null, Collections.unmodifiableList(items));
            }
            case MappingNode map -> {
                var entries = new LinkedHashMap<String, YamlNode>();
                for (NodeTuple tuple : map.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        throw new MalformedYaml(file, tuple.getKeyNode().getStartMark().getLine() + 1, "keys must be plain names");
                    }
                    entries.put(key.getValue(), of(file, tuple.getValueNode(), key.getStartMark().getLine() + 1));
                }
                yield new YamlNode(file, line, null, Collections.unmodifiableMap(entries), null);
            }
            default -> throw new MalformedYaml(file, line, "anchors and aliases are not supported here");
        };
    }

    private static boolean isNull(ScalarNode scalar) {
        return scalar.getTag().getValue().endsWith(":null");
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** "file:line", the prefix of every message about this node. */
    public String where() {
        return file + ":" + line;
    }

    public boolean isMapping() {
        return mapping != null;
    }

    public boolean isSequence() {
        return sequence != null;
    }

    public boolean isScalar() {
        return mapping == null && sequence == null;
    }

    public boolean isNull() {
        return isScalar() && scalar == null;
    }

    /** The entries of a mapping, in file order; an error naming the line if this is not one. */
    public Map<String, YamlNode> entries(String what) {
        if (mapping == null) {
            throw new MalformedYaml(file, line, what + " must be a mapping of names to values");
        }
        return mapping;
    }

    /** The items of a sequence; a single value counts as a sequence of one. */
    public List<YamlNode> items() {
        if (sequence != null) {
            return sequence;
        }
        return isNull() ? List.of() : List.of(this);
    }

    public YamlNode get(String key) {
        return mapping == null ? null : mapping.get(key);
    }

    /** The text of a scalar; an error naming the line if this is a mapping or sequence. */
    public String text(String what) {
        if (!isScalar()) {
            throw new MalformedYaml(file, line, what + " must be a single value");
        }
        return scalar;
    }

    /** The value as plain Java: maps, lists, and scalars typed as YAML's core schema reads them. */
    public Object plain() {
        if (mapping != null) {
            var map = new LinkedHashMap<String, Object>();
            mapping.forEach((key, value) -> map.put(key, value.plain()));
            return map;
        }
        if (sequence != null) {
            return sequence.stream().map(YamlNode::plain).toList();
        }
        return scalar == null ? null : Scalars.typed(scalar);
    }
}
