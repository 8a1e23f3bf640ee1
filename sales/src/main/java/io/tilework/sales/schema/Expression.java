package io.tilework.sales.schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema's small arithmetic over a row's columns: {@code [Unit Price] * [Qty]}, {@code ([Net] + [Tax]) / 100}.
 * Column names in brackets, decimal numbers, {@code + - * /}, unary minus and parentheses. Sums, differences and
 * products are exact ({@link BigDecimal}); a quotient is kept to 34 digits. The caller rounds the result (to cents).
 */
public final class Expression {

    /** A node of the tree: a number, a column (its index in {@link #columns()}), or an operation on two nodes. */
    private sealed interface Node permits Number, Column, Operation, Negate {
    }

    private record Number(BigDecimal value) implements Node {
    }

    private record Column(int index) implements Node {
    }

    private record Operation(char op, Node left, Node right) implements Node {
    }

    private record Negate(Node operand) implements Node {
    }

    /** The value of each column an expression names, by index; null when the row's value is missing or not a number. */
    @FunctionalInterface
    public interface Values {
        BigDecimal value(int column);
    }

    private final String text;
    private final Node root;
    private final List<String> columns;

    private Expression(String text, Node root, List<String> columns) {
        this.text = text;
        this.root = root;
        this.columns = columns;
    }

    /** @throws IllegalArgumentException saying what is wrong and at which character */
    public static Expression parse(String text) {
        var parser = new Parser(text);
        Node root = parser.sum();
        parser.spaces();
        if (parser.i < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.i) + "'");
        }
        return new Expression(text, root, List.copyOf(parser.columns));
    }

    /** The column names in brackets, each once, in order of first use. */
    public List<String> columns() {
        return columns;
    }

    /** The value, or null when a column's value is null or a division is by zero. */
    public BigDecimal evaluate(Values values) {
        return evaluate(root, values);
    }

    private static BigDecimal evaluate(Node node, Values values) {
        return switch (node) {
            case Number n -> n.value();
            case Column c -> values.value(c.index());
            case Negate n -> {
                BigDecimal v = evaluate(n.operand(), values);
                yield v == null ? null : v.negate();
            }
            case Operation o -> {
                BigDecimal l = evaluate(o.left(), values);
                BigDecimal r = l == null ? null : evaluate(o.right(), values);
                if (r == null) {
                    yield null;
                }
                yield switch (o.op()) {
                    case '+' -> l.add(r);
                    case '-' -> l.subtract(r);
                    case '*' -> l.multiply(r);
                    default -> r.signum() == 0 ? null : l.divide(r, MathContext.DECIMAL128);
                };
            }
        };
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        final String text;
        final List<String> columns = new ArrayList<>();
        int i;

        Parser(String text) {
            this.text = text;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("expression \"" + text + "\": " + message + " at character " + (i + 1)
                    + " (write columns in brackets, numbers, + - * / and parentheses: \"[Unit Price] * [Qty]\")");
        }

        void spaces() {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }

        Node sum() {
            Node left = product();
            while (true) {
                spaces();
                if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                    char op = text.charAt(i++);
                    left = new Operation(op, left, product());
                } else {
                    return left;
                }
            }
        }

        Node product() {
            Node left = unary();
            while (true) {
                spaces();
                if (i < text.length() && (text.charAt(i) == '*' || text.charAt(i) == '/')) {
                    char op = text.charAt(i++);
                    left = new Operation(op, left, unary());
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            spaces();
            if (i < text.length() && text.charAt(i) == '-') {
                i++;
                return new Negate(unary());
            }
            return atom();
        }

        Node atom() {
            spaces();
            if (i >= text.length()) {
                throw error("a value is missing");
            }
            char c = text.charAt(i);
            if (c == '(') {
                i++;
                Node inner = sum();
                spaces();
                if (i >= text.length() || text.charAt(i) != ')') {
                    throw error("a '(' is not closed");
                }
                i++;
                return inner;
            }
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw error("a '[' is not closed");
                }
                String name = text.substring(i + 1, close).strip();
                if (name.isEmpty()) {
                    throw error("an empty column name");
                }
                i = close + 1;
                int index = columns.indexOf(name);
                if (index < 0) {
                    columns.add(name);
                    index = columns.size() - 1;
                }
                return new Column(index);
            }
            if (Character.isDigit(c) || c == '.') {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                try {
                    return new Number(new BigDecimal(text.substring(start, i)));
                } catch (NumberFormatException e) {
                    i = start;
                    throw error("a bad number");
                }
            }
            throw error("unexpected '" + c + "'");
        }
    }
}
