package io.tilework.sales.schema;

import io.tilework.sales.failure.SalesInputInvalid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of YAML a schema file uses, read with the line of every value so that messages can say
 * {@code FILE:LINE:}: nested mappings by indentation, {@code key: value}, flow lists {@code [a, "b"]} and flow
 * mappings {@code {column: Qty, normalise: [trim]}}, plain, single- and double-quoted scalars, {@code #} comments.
 * A library would hand back values without their lines; this is about 200 lines.
 */
final class Yaml {

    /** A value and the line it is on: a {@link String}, a {@code List<Node>} or a {@code Map<String, Node>} (in file order). */
    record Node(Object value, int line) {
    }

    private final String file;
    private final String[] lines;
    private int next;

    private Yaml(String file, String text) {
        this.file = file;
        this.lines = text.split("\r?\n", -1);
    }

    /** The document's top-level mapping. */
    static Node parse(String file, String text) {
        var yaml = new Yaml(file, text.startsWith("\uFEFF") ? text.substring(1) : text);
        Node root = yaml.block(0, 1);
        if (yaml.nextContent() >= 0) {
            throw yaml.error(yaml.next + 1, "unexpected indentation: " + yaml.lines[yaml.next].strip());
        }
        return root;
    }

    SalesInputInvalid error(int line, String message) {
        return new SalesInputInvalid(file + ":" + line + ": " + message);
    }

    /** The index of the next line with content (skipping blank and comment lines), or -1. */
    private int nextContent() {
        while (next < lines.length) {
            String content = stripComment(lines[next]);
            if (!content.isBlank()) {
                return next;
            }
            next++;
        }
        return -1;
    }

    /** A block mapping whose keys are indented by {@code indent} exactly (any more: an error; less: its end). */
    private Node block(int indent, int startLine) {
        var map = new LinkedHashMap<String, Node>();
        int first = -1;
        while (nextContent() >= 0) {
            String raw = lines[next];
            String content = stripComment(raw);
            int at = indentOf(content);
            if (raw.substring(0, at).indexOf('\t') >= 0) {
                throw error(next + 1, "a tab in the indentation; indent with spaces");
            }
            if (first < 0) {
                if (at < indent) {
                    break;
                }
                first = at;
            }
            if (at < first) {
                break;
            }
            if (at > first) {
                throw error(next + 1, "unexpected indentation: " + content.strip());
            }
            int line = next + 1;
            String entry = content.strip();
            if (entry.startsWith("- ")) {
                throw error(line, "a block list item; write lists in brackets: [a, b]");
            }
            var cursor = new Cursor(entry, line);
            String key = cursor.key();
            if (map.containsKey(key)) {
                throw error(line, "'" + key + "' given twice (first on line " + map.get(key).line() + ")");
            }
            cursor.skipSpaces();
            next++;
            if (cursor.atEnd()) {
                map.put(key, block(first + 1, line));
            } else {
                Node value = cursor.value(false);
                cursor.skipSpaces();
                if (!cursor.atEnd()) {
                    throw error(line, "unexpected text after the value of '" + key + "': " + cursor.rest());
                }
                map.put(key, value);
            }
        }
        return new Node(map, startLine);
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The line without its comment: a {@code #} outside quotes, at the start or after a space. */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                if (i == 0 || " \t[{,:".indexOf(line.charAt(i - 1)) >= 0) {
                    quote = c;
                }
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Reads flow values and keys from one line. */
    private final class Cursor {
        private final String text;
        private final int line;
        private int i;

        Cursor(String text, int line) {
            this.text = text;
            this.line = line;
        }

        boolean atEnd() {
            return i >= text.length();
        }

        String rest() {
            return text.substring(i);
        }

        void skipSpaces() {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
        }

        /** {@code key:} (plain or quoted), the colon consumed. */
        String key() {
            skipSpaces();
            String key;
            if (!atEnd() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                key = quoted();
            } else {
                int start = i;
                while (i < text.length() && !(text.charAt(i) == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' '))
                        && "{}[],".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                key = text.substring(start, i).strip();
            }
            skipSpaces();
            if (atEnd() || text.charAt(i) != ':') {
                throw error(line, "expected 'key: value', not " + text.strip());
            }
            i++;
            if (key.isEmpty()) {
                throw error(line, "a key is empty");
            }
            return key;
        }

        Node value(boolean inFlow) {
            skipSpaces();
            if (atEnd()) {
                return new Node("", line);
            }
            char c = text.charAt(i);
            if (c == '[') {
                i++;
                var list = new ArrayList<Node>();
                skipSpaces();
                if (!atEnd() && text.charAt(i) == ']') {
                    i++;
                    return new Node(list, line);
                }
                while (true) {
                    list.add(value(true));
                    skipSpaces();
                    if (atEnd()) {
                        throw error(line, "a list not closed with ']'");
                    }
                    char sep = text.charAt(i++);
                    if (sep == ']') {
                        return new Node(list, line);
                    }
                    if (sep != ',') {
                        throw error(line, "expected ',' or ']' in a list, not '" + sep + "'");
                    }
                }
            }
            if (c == '{') {
                i++;
                var map = new LinkedHashMap<String, Node>();
                skipSpaces();
                if (!atEnd() && text.charAt(i) == '}') {
                    i++;
                    return new Node(map, line);
                }
                while (true) {
                    String key = key();
                    if (map.containsKey(key)) {
                        throw error(line, "'" + key + "' given twice");
                    }
                    map.put(key, value(true));
                    skipSpaces();
                    if (atEnd()) {
                        throw error(line, "a mapping not closed with '}'");
                    }
                    char sep = text.charAt(i++);
                    if (sep == '}') {
                        return new Node(map, line);
                    }
                    if (sep != ',') {
                        throw error(line, "expected ',' or '}' in a mapping, not '" + sep + "'");
                    }
                }
            }
            if (c == '"' || c == '\'') {
                return new Node(quoted(), line);
            }
            int start = i;
            while (i < text.length() && !(inFlow && ",]}".indexOf(text.charAt(i)) >= 0)) {
                i++;
            }
            return new Node(text.substring(start, i).strip(), line);
        }

        /** A quoted scalar: {@code '...'} with {@code ''} for a quote, or {@code "..."} with backslash escapes. */
        private String quoted() {
            char quote = text.charAt(i++);
            var out = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw error(line, "a string opened with " + quote + " is not closed on its line");
                }
                char c = text.charAt(i++);
                if (c == quote) {
                    if (quote == '\'' && i < text.length() && text.charAt(i) == '\'') {
                        out.append('\'');
                        i++;
                        continue;
                    }
                    return out.toString();
                }
                if (c == '\\' && quote == '"') {
                    if (atEnd()) {
                        throw error(line, "a string ends with a backslash");
                    }
                    char e = text.charAt(i++);
                    switch (e) {
                        case 't' -> out.append('\t');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case '\\' -> out.append('\\');
                        case '"' -> out.append('"');
                        case '/' -> out.append('/');
                        case '0' -> out.append('\0');
                        case 'u' -> {
                            if (i + 4 > text.length()) {
                                throw error(line, "\\u needs four hexadecimal digits");
                            }
                            try {
                                out.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                            } catch (NumberFormatException x) {
                                throw error(line, "\\u needs four hexadecimal digits, not " + text.substring(i, i + 4));
                            }
                            i += 4;
                        }
                        default -> throw error(line, "unknown escape \\" + e + " in a double-quoted string");
                    }
                    continue;
                }
                out.append(c);
            }
        }
    }

    /** Convenience for readers: the node's mapping, or an error naming {@code what}. */
    @SuppressWarnings("unchecked")
    Map<String, Node> map(Node node, String what) {
        if (node.value() instanceof Map<?, ?> map) {
            return (Map<String, Node>) map;
        }
        throw error(node.line(), what + " must be a mapping (key: value lines, or {key: value, ...})");
    }

    @SuppressWarnings("unchecked")
    List<Node> list(Node node, String what) {
        if (node.value() instanceof List<?> list) {
            return (List<Node>) list;
        }
        if (node.value() instanceof String s) {
            return List.of(node); // one value for a list of one
        }
        throw error(node.line(), what + " must be a list: [a, b]");
    }

    String scalar(Node node, String what) {
        if (node.value() instanceof String s) {
            return s;
        }
        throw error(node.line(), what + " must be one value, not a " + (node.value() instanceof List ? "list" : "mapping"));
    }

    /** A reader for values of {@code file}, sharing its messages. */
    static Yaml of(String file) {
        return new Yaml(file, "");
    }
}
