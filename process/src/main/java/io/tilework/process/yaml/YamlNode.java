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
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
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

    /** The largest specification or model read, in characters (the command line checks bytes before reading). */
    public static final int MAX_CHARS = 1 << 20;
    /** The most values (scalars, lists, mappings) one document may hold, its aliases expanded. */
    public static final int MAX_VALUES = 100_000;
    /** How deep lists and mappings (or XML elements) may nest. */
    public static final int MAX_DEPTH = 50;
    /** How many aliases of lists or mappings a YAML document may have (aliases of scalars are not counted). */
    static final int MAX_ALIASES = 50;

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
        if (text.length() > MAX_CHARS) {
            throw tooLarge(file);
        }
        return XmlDocument.isXml(file, text) ? XmlDocument.parse(file, text) : parseYaml(file, text);
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
        String text;
        try (reader) {
            var read = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                read.append(buffer, 0, n);
                if (read.length() > MAX_CHARS) {
                    throw tooLarge(file);
                }
            }
            text = read.toString();
        } catch (IOException e) {
            throw new MalformedYaml(file, 1, "cannot read: " + Excerpt.of(e.getMessage(), Excerpt.LINE));
        }
        return parseYaml(file, text);
    }

    private static YamlNode parseYaml(String file, String text) {
        if (text.length() > MAX_CHARS) {
            throw tooLarge(file);
        }
        Node root;
        try {
            root = new Yaml(options()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new MalformedYaml(file, line, "not valid YAML: " + Excerpt.of(e.getProblem(), Excerpt.LINE));
        } catch (YAMLException e) {
            // A limit (aliases, nesting): SnakeYAML says which, not where.
            throw beyondLimit(file, text, e);
        }
        if (root == null) {
            return new YamlNode(file, 1, null, new LinkedHashMap<>(), null);
        }
        return new Builder(file).of(root, root.getStartMark().getLine() + 1, 0);
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS + 1);
        return options;
    }

    static MalformedYaml tooLarge(String file) {
        return new MalformedYaml(file, 1, "larger than " + MAX_CHARS / (1 << 20) + " MiB, the most a specification or model may be; "
                + "a model that large is not one to run (fan-out over many items belongs inside a job)");
    }

    /** A limit SnakeYAML met, at the line of the first event past it (found by reading the events again, which keep their marks). */
    private static MalformedYaml beyondLimit(String file, String text, YAMLException e) {
        String problem = String.valueOf(e.getMessage());
        boolean aliases = problem.contains("aliases");
        boolean nesting = problem.contains("Nesting Depth");
        int line = 1;
        try {
            int depth = 0;
            int collectionAliases = 0;
            var collectionAnchors = new java.util.HashSet<String>();
            for (Event event : new Yaml(options()).parse(new StringReader(text))) {
                if (event instanceof CollectionStartEvent start) {
                    if (start.getAnchor() != null) {
                        collectionAnchors.add(start.getAnchor());
                    }
                    if (nesting && ++depth > MAX_DEPTH) {
                        line = event.getStartMark().getLine() + 1;
                        break;
                    }
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                } else if (event instanceof AliasEvent alias && aliases && collectionAnchors.contains(alias.getAnchor())
                        && ++collectionAliases > MAX_ALIASES) {
                    line = event.getStartMark().getLine() + 1;
                    break;
                }
            }
        } catch (YAMLException again) {
            // the line stays 1: the limit is still named
        }
        if (aliases) {
            return new MalformedYaml(file, line, "more than " + MAX_ALIASES + " aliases of lists or mappings; write the repeated parts out");
        }
        if (nesting) {
            return new MalformedYaml(file, line, "lists and mappings nested more than " + MAX_DEPTH + " levels deep");
        }
        return new MalformedYaml(file, line, "not valid YAML: " + Excerpt.of(problem, Excerpt.LINE));
    }

    /**
     * Builds the tree of one document, counting what it builds: aliases make a small text a large
     * tree (each refers to a whole list or mapping again), so the count, not the text's size, is
     * what is limited; and an alias inside what it names would make it endless.
     */
    private static final class Builder {
        private final String file;
        private final java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private int values;

        Builder(String file) {
            this.file = file;
        }

        /** @param line where the value is said to be: for a mapping's value, the line of its key */
        YamlNode of(Node node, int line, int depth) {
            if (++values > MAX_VALUES) {
                throw new MalformedYaml(file, line, "more than " + String.format("%,d", MAX_VALUES)
                        + " values once its aliases are expanded; write the repeated parts out or use fewer aliases");
            }
            if (depth > MAX_DEPTH || !open.add(node)) {
                throw new MalformedYaml(file, line, depth > MAX_DEPTH ? "lists and mappings nested more than " + MAX_DEPTH + " levels deep"
                        : "an alias refers to a list or mapping that contains it");
            }
            try {
                return switch (node) {
                    case ScalarNode scalar -> new YamlNode(file, line, isNull(scalar) ? null : scalar.getValue(), null, null);
                    case SequenceNode list -> {
                        var items = new ArrayList<YamlNode>();
                        for (Node item : list.getValue()) {
                            items.add(of(item, item.getStartMark().getLine() + 1, depth + 1));
                        }
                        yield new YamlNode(file, line, null, null, Collections.unmodifiableList(items));
                    }
                    case MappingNode map -> {
                        var entries = new LinkedHashMap<String, YamlNode>();
                        for (NodeTuple tuple : map.getValue()) {
                            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                                throw new MalformedYaml(file, tuple.getKeyNode().getStartMark().getLine() + 1, "keys must be plain names");
                            }
                            int keyLine = key.getStartMark().getLine() + 1;
                            // compose() does not refuse a key given twice (only the constructors SnakeYAML's load uses do).
                            if (entries.containsKey(key.getValue())) {
                                throw new MalformedYaml(file, keyLine, "'" + Excerpt.of(key.getValue()) + "' is given twice in the same mapping");
                            }
                            entries.put(key.getValue(), of(tuple.getValueNode(), keyLine, depth + 1));
                        }
                        yield new YamlNode(file, line, null, Collections.unmodifiableMap(entries), null);
                    }
                    default -> throw new MalformedYaml(file, line, "anchors and aliases are not supported here");
                };
            } finally {
                open.remove(node);
            }
        }
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
