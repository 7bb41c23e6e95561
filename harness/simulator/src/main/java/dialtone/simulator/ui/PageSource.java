package dialtone.simulator.ui;

import java.util.List;

/**
 * The page source of a screen in UiAutomator2's format: what {@code driver.getPageSource()}
 * returns on a real phone. Each node's tag is its class name and its attributes come in the order
 * UiAutomator2 writes them.
 */
public final class PageSource {

    static final String HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>";
    private static final String INDENT = "  ";

    private PageSource() {
    }

    public static String toXml(UiSnapshot s) {
        StringBuilder out = new StringBuilder(4096);
        out.append(HEADER).append('\n');
        out.append("<hierarchy index=\"0\" class=\"hierarchy\" rotation=\"0\" width=\"")
                .append(s.width()).append("\" height=\"").append(s.height()).append("\">\n");
        writeNode(out, s.root(), 0, 1);
        out.append("</hierarchy>");
        return out.toString();
    }

    private static void writeNode(StringBuilder out, UiNode n, int index, int depth) {
        String tag = tagName(n.className());
        out.append(INDENT.repeat(depth)).append('<').append(tag);
        attr(out, "index", Integer.toString(index));
        attr(out, "package", n.packageName());
        attr(out, "class", n.className());
        attr(out, "text", n.text());
        attr(out, "content-desc", n.contentDesc());
        attr(out, "resource-id", n.resourceId());
        attr(out, "checkable", n.checkable());
        attr(out, "checked", n.checked());
        attr(out, "clickable", n.clickable());
        attr(out, "enabled", n.enabled());
        attr(out, "focusable", n.focusable());
        attr(out, "focused", n.focused());
        attr(out, "long-clickable", n.longClickable());
        attr(out, "password", n.password());
        attr(out, "scrollable", n.scrollable());
        attr(out, "selected", n.selected());
        attr(out, "bounds", n.bounds().toString());
        attr(out, "displayed", n.displayed());
        List<UiNode> children = n.children();
        if (children.isEmpty()) {
            out.append(" />\n");
            return;
        }
        out.append(">\n");
        for (int i = 0; i < children.size(); i++) {
            writeNode(out, children.get(i), i, depth + 1);
        }
        out.append(INDENT.repeat(depth)).append("</").append(tag).append(">\n");
    }

    private static void attr(StringBuilder out, String name, boolean value) {
        attr(out, name, Boolean.toString(value));
    }

    private static void attr(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(out, value);
        out.append('"');
    }

    /** Escapes like Android's XmlSerializer; drops characters XML 1.0 cannot carry, as UiAutomator2 does. */
    static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** A class name made a valid XML element name (UiAutomator2 does the same for, e.g., inner classes). */
    static String tagName(String className) {
        StringBuilder sb = new StringBuilder(className.length());
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
            if (i == 0 && !(Character.isLetter(c) || c == '_')) {
                ok = false;
            }
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
