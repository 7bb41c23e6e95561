package dialtone.simulator.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code -android uiautomator} strategy, as UiAutomator2 parses it:
 * <ul>
 *   <li>{@code new UiSelector()} with attribute methods (text, textContains, textStartsWith,
 *       textMatches, description…, resourceId, resourceIdMatches, className, classNameMatches,
 *       packageName…, the boolean states), {@code index(n)}, {@code instance(n)} and
 *       {@code childSelector(new UiSelector()…)} (descendants of each match);</li>
 *   <li>{@code new UiScrollable(new UiSelector()…)}, optionally with setAsVerticalList(),
 *       setAsHorizontalList(), setMaxSearchSwipes(n), and ending in
 *       {@code .scrollIntoView(new UiSelector()…)} or {@code .scrollTextIntoView("…")}: the virtual
 *       screens do not scroll, so that finds the target where it is.</li>
 * </ul>
 * Anything else is an {@link InvalidSelectorException} naming the position and the problem.
 */
final class UiSelectorQuery {

    /** Longer selectors are refused before parsing (nobody writes them; a fuzzer might). */
    static final int MAX_LENGTH = 4096;
    /** Deepest nesting of selectors within selectors. */
    static final int MAX_NESTING = 8;

    /** The UiSelector methods taking a literal (childSelector takes a selector). */
    private static final Set<String> METHODS = Set.of("text", "textContains", "textStartsWith", "textMatches", "description",
            "descriptionContains", "descriptionStartsWith", "descriptionMatches", "resourceId", "resourceIdMatches", "className",
            "classNameMatches", "packageName", "packageNameMatches", "checkable", "checked", "clickable", "enabled", "focusable",
            "focused", "longClickable", "scrollable", "selected", "index", "instance");

    private final Selector selector;

    private UiSelectorQuery(Selector selector) {
        this.selector = selector;
    }

    static UiSelectorQuery parse(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidSelectorException("Invalid UiSelector: " + expression.length() + " characters, more than the "
                    + MAX_LENGTH + " accepted");
        }
        Parser p = new Parser(expression);
        p.skipSpace();
        Selector s = p.topLevel();
        p.skipSpace();
        if (p.peek() == ';') {
            p.pos++;
            p.skipSpace();
        }
        if (!p.atEnd()) {
            throw p.error("unexpected text after the selector");
        }
        return new UiSelectorQuery(s);
    }

    /** Numbers of the matching nodes among {@code tree}'s nodes {@code [from, to)}, in document order. */
    List<Integer> find(UiTree tree, int from, int to) {
        return selector.find(tree, from, to);
    }

    /** One {@code new UiSelector()…}: conditions on a node, an instance, and maybe a child selector. */
    private static final class Selector {
        final List<BiPredicate<UiTree, Integer>> conditions = new ArrayList<>();
        int instance = -1;
        Selector child;

        List<Integer> find(UiTree tree, int from, int to) {
            List<Integer> matches = new ArrayList<>();
            for (int i = from; i < to; i++) {
                final int n = i;
                if (conditions.stream().allMatch(c -> c.test(tree, n))) {
                    matches.add(i);
                }
            }
            if (instance >= 0) {
                matches = instance < matches.size() ? List.of(matches.get(instance)) : List.of();
            }
            if (child == null) {
                return matches;
            }
            TreeSet<Integer> found = new TreeSet<>();
            for (int m : matches) {
                found.addAll(child.find(tree, m + 1, tree.subtreeEnd(m)));
            }
            return List.copyOf(found);
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;
        private int nesting;

        Parser(String s) {
            this.s = s;
        }

        /** {@code new UiSelector()…} or {@code new UiScrollable(…)…}. */
        Selector topLevel() {
            expectWord("new");
            skipSpace();
            int at = pos;
            String type = identifier();
            if (type.equals("UiSelector")) {
                return selectorAfterType();
            }
            if (type.equals("UiScrollable")) {
                return scrollable();
            }
            pos = at;
            throw error("expected 'UiSelector' or 'UiScrollable', got '" + type + "'");
        }

        /** A nested {@code new UiSelector()…} argument. */
        Selector nestedSelector() {
            if (++nesting > MAX_NESTING) {
                throw error("selectors nested more than " + MAX_NESTING + " deep");
            }
            expectWord("new");
            skipSpace();
            int at = pos;
            String type = identifier();
            if (!type.equals("UiSelector")) {
                pos = at;
                throw error("expected 'UiSelector', got '" + type + "'");
            }
            Selector sel = selectorAfterType();
            nesting--;
            return sel;
        }

        private Selector selectorAfterType() {
            skipSpace();
            expect("(");
            skipSpace();
            expect(")");
            Selector sel = new Selector();
            while (true) {
                skipSpace();
                if (peek() != '.') {
                    return sel;
                }
                pos++;
                skipSpace();
                int at = pos;
                String method = identifier();
                skipSpace();
                expect("(");
                skipSpace();
                if (method.equals("childSelector")) {
                    Selector child = nestedSelector();
                    Selector last = sel;
                    while (last.child != null) {
                        last = last.child;
                    }
                    last.child = child;
                } else {
                    if (!METHODS.contains(method)) {
                        pos = at;
                        throw error("UiSelector method '" + method + "' is not supported by the virtual phone");
                    }
                    Object arg = literal();
                    addCondition(sel, method, arg);
                }
                skipSpace();
                expect(")");
            }
        }

        private Selector scrollable() {
            skipSpace();
            expect("(");
            skipSpace();
            Selector container = nestedSelector();
            skipSpace();
            expect(")");
            Selector result = container;
            boolean scrolled = false;
            while (true) {
                skipSpace();
                if (peek() != '.') {
                    return result;
                }
                if (scrolled) {
                    throw error("nothing may follow scrollIntoView/scrollTextIntoView");
                }
                pos++;
                skipSpace();
                int at = pos;
                String method = identifier();
                skipSpace();
                expect("(");
                skipSpace();
                switch (method) {
                    case "scrollIntoView" -> {
                        result = nestedSelector();
                        scrolled = true;
                    }
                    case "scrollTextIntoView" -> {
                        String text = string(literal(), method);
                        result = new Selector();
                        result.conditions.add((t, i) -> t.node(i).text().equals(text));
                        scrolled = true;
                    }
                    case "setAsVerticalList", "setAsHorizontalList" -> { }
                    case "setMaxSearchSwipes", "setSwipeDeadZonePercentage" -> literal();
                    default -> {
                        pos = at;
                        throw error("UiScrollable method '" + method + "' is not supported by the virtual phone; use scrollIntoView, "
                                + "scrollTextIntoView, setAsVerticalList, setAsHorizontalList or setMaxSearchSwipes");
                    }
                }
                skipSpace();
                expect(")");
            }
        }

        private void addCondition(Selector sel, String method, Object arg) {
            List<BiPredicate<UiTree, Integer>> c = sel.conditions;
            switch (method) {
                case "text" -> c.add(equal(arg, method, UiNode::text));
                case "textContains" -> c.add(test(arg, method, (n, v) -> n.text().contains(v)));
                case "textStartsWith" -> c.add(test(arg, method, (n, v) -> n.text().startsWith(v)));
                case "textMatches" -> c.add(regex(arg, method, UiNode::text));
                case "description" -> c.add(equal(arg, method, UiNode::contentDesc));
                case "descriptionContains" -> c.add(test(arg, method, (n, v) -> n.contentDesc().contains(v)));
                case "descriptionStartsWith" -> c.add(test(arg, method, (n, v) -> n.contentDesc().startsWith(v)));
                case "descriptionMatches" -> c.add(regex(arg, method, UiNode::contentDesc));
                case "resourceId" -> c.add(equal(arg, method, UiNode::resourceId));
                case "resourceIdMatches" -> c.add(regex(arg, method, UiNode::resourceId));
                case "className" -> c.add(equal(arg, method, UiNode::className));
                case "classNameMatches" -> c.add(regex(arg, method, UiNode::className));
                case "packageName" -> c.add(equal(arg, method, UiNode::packageName));
                case "packageNameMatches" -> c.add(regex(arg, method, UiNode::packageName));
                case "checkable" -> c.add(bool(arg, method, UiNode::checkable));
                case "checked" -> c.add(bool(arg, method, UiNode::checked));
                case "clickable" -> c.add(bool(arg, method, UiNode::clickable));
                case "enabled" -> c.add(bool(arg, method, UiNode::enabled));
                case "focusable" -> c.add(bool(arg, method, UiNode::focusable));
                case "focused" -> c.add(bool(arg, method, UiNode::focused));
                case "longClickable" -> c.add(bool(arg, method, UiNode::longClickable));
                case "scrollable" -> c.add(bool(arg, method, UiNode::scrollable));
                case "selected" -> c.add(bool(arg, method, UiNode::selected));
                case "index" -> {
                    int index = integer(arg, method);
                    c.add((t, i) -> t.indexInParent(i) == index);
                }
                case "instance" -> sel.instance = integer(arg, method);
                default -> throw new IllegalStateException("METHODS lists " + method + " without a case");
            }
        }

        private BiPredicate<UiTree, Integer> equal(Object arg, String method, Function<UiNode, String> attr) {
            String v = string(arg, method);
            return (t, i) -> attr.apply(t.node(i)).equals(v);
        }

        private BiPredicate<UiTree, Integer> test(Object arg, String method, BiPredicate<UiNode, String> test) {
            String v = string(arg, method);
            return (t, i) -> test.test(t.node(i), v);
        }

        private BiPredicate<UiTree, Integer> regex(Object arg, String method, Function<UiNode, String> attr) {
            Pattern re;
            try {
                re = Pattern.compile(string(arg, method));
            } catch (PatternSyntaxException e) {
                throw error(method + "() has a bad regular expression: " + e.getDescription());
            }
            return (t, i) -> re.matcher(attr.apply(t.node(i))).matches();
        }

        private BiPredicate<UiTree, Integer> bool(Object arg, String method, Predicate<UiNode> attr) {
            if (!(arg instanceof Boolean b)) {
                throw error(method + "() expects true or false, got " + show(arg));
            }
            return (t, i) -> attr.test(t.node(i)) == b;
        }

        private String string(Object arg, String method) {
            if (!(arg instanceof String v)) {
                throw error(method + "() expects a string, got " + show(arg));
            }
            return v;
        }

        private int integer(Object arg, String method) {
            if (!(arg instanceof Integer i) || i < 0) {
                throw error(method + "() expects a non-negative integer, got " + show(arg));
            }
            return i;
        }

        private static String show(Object arg) {
            return arg instanceof String v ? "\"" + v + "\"" : String.valueOf(arg);
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

        void expectWord(String word) {
            int at = pos;
            if (!s.startsWith(word, pos) || (pos + word.length() < s.length() && Character.isJavaIdentifierPart(s.charAt(pos + word.length())))) {
                throw error("expected '" + word + "'");
            }
            pos = at + word.length();
        }

        String identifier() {
            int start = pos;
            while (!atEnd() && Character.isJavaIdentifierPart(s.charAt(pos))) pos++;
            if (start == pos) {
                throw error("expected a name");
            }
            return s.substring(start, pos);
        }

        /** A Java literal: a string (with Java escapes), an integer, a decimal, true or false. */
        Object literal() {
            char c = peek();
            if (c == '"') {
                int start = pos;
                StringBuilder sb = new StringBuilder();
                pos++;
                while (!atEnd() && s.charAt(pos) != '"') {
                    char ch = s.charAt(pos++);
                    if (ch == '\\') {
                        if (atEnd()) {
                            break;
                        }
                        ch = escape(s.charAt(pos++));
                    }
                    sb.append(ch);
                }
                if (atEnd()) {
                    pos = start;
                    throw error("unterminated string");
                }
                pos++;
                return sb.toString();
            }
            if (Character.isDigit(c) || c == '-') {
                int start = pos;
                pos++;
                while (!atEnd() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
                String number = s.substring(start, pos);
                try {
                    return number.contains(".") ? (Object) Double.parseDouble(number) : (Object) Integer.parseInt(number);
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("bad or too large number '" + number + "'");
                }
            }
            if (c == ')') {
                throw error("missing argument");
            }
            int start = pos;
            String word = identifier();
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> {
                    pos = start;
                    throw error("expected a string, number or boolean, got '" + word + "'");
                }
            };
        }

        private char escape(char e) {
            return switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("incomplete \\u escape");
                    }
                    try {
                        char u = (char) Integer.parseInt(s.substring(pos, pos + 4), 16);
                        pos += 4;
                        yield u;
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                }
                default -> e; // \" \\ \'
            };
        }

        InvalidSelectorException error(String why) {
            String near = atEnd() ? "the end" : "'" + s.substring(pos, Math.min(s.length(), pos + 20)) + "'";
            String shown = s.length() > 200 ? s.substring(0, 200) + "…" : s;
            return new InvalidSelectorException("Invalid UiSelector '" + shown + "' at position " + pos + " (at " + near + "): " + why);
        }
    }
}
