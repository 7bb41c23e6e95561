package dialtone.simulator.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code -android uiautomator} strategy: a chain like
 * {@code new UiSelector().resourceId("pkg:id/next").text("Next").instance(0)}. Supports the
 * attribute methods of UiSelector; child/parent selectors and UiScrollable are rejected as an
 * invalid selector.
 */
final class UiSelectorQuery {

    private final List<Predicate<UiTreeNode>> conditions = new ArrayList<>();
    private int instance = -1;

    /** A node with its position, as the conditions need it. */
    record UiTreeNode(UiNode node, int indexInParent) {
    }

    private UiSelectorQuery() {
    }

    static UiSelectorQuery parse(String expression) {
        Parser p = new Parser(expression);
        UiSelectorQuery q = new UiSelectorQuery();
        p.skipSpace();
        p.expect("new");
        p.skipSpace();
        String type = p.identifier();
        if (!type.equals("UiSelector")) {
            throw p.error("only 'new UiSelector()' is supported, not '" + type + "'");
        }
        p.skipSpace();
        p.expect("(");
        p.skipSpace();
        p.expect(")");
        p.skipSpace();
        while (p.peek() == '.') {
            p.pos++;
            p.skipSpace();
            String method = p.identifier();
            p.skipSpace();
            p.expect("(");
            p.skipSpace();
            Object arg = p.literal();
            p.skipSpace();
            p.expect(")");
            p.skipSpace();
            q.add(method, arg, p);
        }
        if (p.peek() == ';') {
            p.pos++;
            p.skipSpace();
        }
        if (!p.atEnd()) {
            throw p.error("unexpected text");
        }
        return q;
    }

    boolean matches(UiNode node, int indexInParent) {
        UiTreeNode n = new UiTreeNode(node, indexInParent);
        return conditions.stream().allMatch(c -> c.test(n));
    }

    /** Applies {@code instance(n)} to the matches (in document order). */
    List<Integer> select(List<Integer> matches) {
        if (instance < 0) {
            return matches;
        }
        return instance < matches.size() ? List.of(matches.get(instance)) : List.of();
    }

    private void add(String method, Object arg, Parser p) {
        switch (method) {
            case "text" -> eq(arg, p, n -> n.text());
            case "textContains" -> str(arg, p, (n, s) -> n.text().contains(s));
            case "textStartsWith" -> str(arg, p, (n, s) -> n.text().startsWith(s));
            case "textMatches" -> regex(arg, p, n -> n.text());
            case "description" -> eq(arg, p, n -> n.contentDesc());
            case "descriptionContains" -> str(arg, p, (n, s) -> n.contentDesc().contains(s));
            case "descriptionStartsWith" -> str(arg, p, (n, s) -> n.contentDesc().startsWith(s));
            case "descriptionMatches" -> regex(arg, p, n -> n.contentDesc());
            case "resourceId" -> eq(arg, p, n -> n.resourceId());
            case "resourceIdMatches" -> regex(arg, p, n -> n.resourceId());
            case "className" -> eq(arg, p, n -> n.className());
            case "classNameMatches" -> regex(arg, p, n -> n.className());
            case "packageName" -> eq(arg, p, n -> n.packageName());
            case "packageNameMatches" -> regex(arg, p, n -> n.packageName());
            case "checkable" -> bool(arg, p, UiNode::checkable);
            case "checked" -> bool(arg, p, UiNode::checked);
            case "clickable" -> bool(arg, p, UiNode::clickable);
            case "enabled" -> bool(arg, p, UiNode::enabled);
            case "focusable" -> bool(arg, p, UiNode::focusable);
            case "focused" -> bool(arg, p, UiNode::focused);
            case "longClickable" -> bool(arg, p, UiNode::longClickable);
            case "scrollable" -> bool(arg, p, UiNode::scrollable);
            case "selected" -> bool(arg, p, UiNode::selected);
            case "index" -> {
                int i = integer(arg, method, p);
                conditions.add(n -> n.indexInParent() == i);
            }
            case "instance" -> instance = integer(arg, method, p);
            default -> throw p.error("UiSelector method '" + method + "' is not supported by the virtual phone");
        }
    }

    private void eq(Object arg, Parser p, java.util.function.Function<UiNode, String> attr) {
        String s = string(arg, p);
        conditions.add(n -> attr.apply(n.node()).equals(s));
    }

    private void str(Object arg, Parser p, java.util.function.BiPredicate<UiNode, String> test) {
        String s = string(arg, p);
        conditions.add(n -> test.test(n.node(), s));
    }

    private void regex(Object arg, Parser p, java.util.function.Function<UiNode, String> attr) {
        Pattern re;
        try {
            re = Pattern.compile(string(arg, p));
        } catch (PatternSyntaxException e) {
            throw p.error("bad regular expression: " + e.getDescription());
        }
        conditions.add(n -> re.matcher(attr.apply(n.node())).matches());
    }

    private void bool(Object arg, Parser p, Predicate<UiNode> attr) {
        if (!(arg instanceof Boolean b)) {
            throw p.error("expected true or false, got " + arg);
        }
        conditions.add(n -> attr.test(n.node()) == b);
    }

    private static String string(Object arg, Parser p) {
        if (!(arg instanceof String s)) {
            throw p.error("expected a string, got " + arg);
        }
        return s;
    }

    private static int integer(Object arg, String method, Parser p) {
        if (!(arg instanceof Integer i) || i < 0) {
            throw p.error(method + "() expects a non-negative integer, got " + arg);
        }
        return i;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() { return pos >= s.length(); }

        char peek() { return atEnd() ? '\0' : s.charAt(pos); }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        void expect(String token) {
            if (!s.startsWith(token, pos)) {
                throw error("expected '" + token + "'");
            }
            pos += token.length();
        }

        String identifier() {
            int start = pos;
            while (!atEnd() && Character.isJavaIdentifierPart(s.charAt(pos))) pos++;
            if (start == pos) {
                throw error("expected a name");
            }
            return s.substring(start, pos);
        }

        Object literal() {
            char c = peek();
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (!atEnd() && s.charAt(pos) != '"') {
                    char ch = s.charAt(pos++);
                    if (ch == '\\' && !atEnd()) {
                        ch = s.charAt(pos++);
                    }
                    sb.append(ch);
                }
                expect("\"");
                return sb.toString();
            }
            if (Character.isDigit(c)) {
                int start = pos;
                while (!atEnd() && Character.isDigit(s.charAt(pos))) pos++;
                try {
                    return Integer.parseInt(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw error("number too large");
                }
            }
            String word = identifier();
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw error("expected a string, number or boolean, got '" + word + "'");
            };
        }

        InvalidSelectorException error(String why) {
            return new InvalidSelectorException("Invalid UiSelector '" + s + "' at position " + pos + ": " + why);
        }
    }
}
