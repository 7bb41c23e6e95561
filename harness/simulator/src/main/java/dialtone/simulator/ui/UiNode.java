package dialtone.simulator.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One node of a screen's UI tree, immutable. Attributes are the ones UiAutomator2 reports in its
 * page source; {@link #onClick()} and {@link #onInput()} are the phone's behaviour behind the node
 * and never appear in the XML; {@link #style()} and {@link #hint()} only guide the screenshot
 * renderer.
 *
 * <pre>{@code
 * UiNode next = UiNode.builder("android.widget.Button")
 *         .packageName("com.microsoft.skype.teams.ipphone")
 *         .resourceId("com.microsoft.skype.teams.ipphone:id/next")
 *         .text("Next").clickable(true).bounds(Bounds.of(40, 600, 300, 80))
 *         .onClick(phone::submitCode)
 *         .build();
 * }</pre>
 */
public final class UiNode {

    private final String className;
    private final String packageName;
    private final String text;
    private final String contentDesc;
    private final String resourceId;
    private final String hint;
    private final boolean checkable;
    private final boolean checked;
    private final boolean clickable;
    private final boolean enabled;
    private final boolean focusable;
    private final boolean focused;
    private final boolean longClickable;
    private final boolean password;
    private final boolean scrollable;
    private final boolean selected;
    private final boolean displayed;
    private final Bounds bounds;
    private final UiStyle style;
    private final Runnable onClick;
    private final Consumer<String> onInput;
    private final List<UiNode> children;

    private UiNode(Builder b) {
        this.className = b.className;
        this.packageName = b.packageName;
        this.text = b.text;
        this.contentDesc = b.contentDesc;
        this.resourceId = b.resourceId;
        this.hint = b.hint;
        this.checkable = b.checkable;
        this.checked = b.checked;
        this.clickable = b.clickable;
        this.enabled = b.enabled;
        this.focusable = b.focusable;
        this.focused = b.focused;
        this.longClickable = b.longClickable;
        this.password = b.password;
        this.scrollable = b.scrollable;
        this.selected = b.selected;
        this.displayed = b.displayed;
        this.bounds = b.bounds;
        this.style = b.style != null ? b.style : UiStyle.forClass(b.className);
        this.onClick = b.onClick;
        this.onInput = b.onInput;
        this.children = List.copyOf(b.children);
    }

    /** A builder for a node of the given Android class, e.g. {@code android.widget.TextView}. */
    public static Builder builder(String className) {
        return new Builder(className);
    }

    /** A builder pre-filled with this node's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(className);
        b.packageName = packageName;
        b.text = text;
        b.contentDesc = contentDesc;
        b.resourceId = resourceId;
        b.hint = hint;
        b.checkable = checkable;
        b.checked = checked;
        b.clickable = clickable;
        b.enabled = enabled;
        b.focusable = focusable;
        b.focused = focused;
        b.longClickable = longClickable;
        b.password = password;
        b.scrollable = scrollable;
        b.selected = selected;
        b.displayed = displayed;
        b.bounds = bounds;
        b.style = style;
        b.onClick = onClick;
        b.onInput = onInput;
        b.children.addAll(children);
        return b;
    }

    public String className() { return className; }
    public String packageName() { return packageName; }
    public String text() { return text; }
    public String contentDesc() { return contentDesc; }
    public String resourceId() { return resourceId; }
    /** Grey placeholder of an empty text field (renderer only). */
    public String hint() { return hint; }
    public boolean checkable() { return checkable; }
    public boolean checked() { return checked; }
    public boolean clickable() { return clickable; }
    public boolean enabled() { return enabled; }
    public boolean focusable() { return focusable; }
    public boolean focused() { return focused; }
    public boolean longClickable() { return longClickable; }
    public boolean password() { return password; }
    public boolean scrollable() { return scrollable; }
    public boolean selected() { return selected; }
    public boolean displayed() { return displayed; }
    public Bounds bounds() { return bounds; }
    public UiStyle style() { return style; }
    /** What a tap does; empty when the node does nothing on tap. */
    public Optional<Runnable> onClick() { return Optional.ofNullable(onClick); }
    /** Called with the field's full new text when keys are sent or the field is cleared. */
    public Optional<Consumer<String>> onInput() { return Optional.ofNullable(onInput); }
    public List<UiNode> children() { return children; }

    /** This node and all its descendants, depth first, in document order. */
    public Stream<UiNode> stream() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(UiNode::stream));
    }

    /** The first node of this subtree (this node included) that matches. */
    public Optional<UiNode> find(Predicate<UiNode> predicate) {
        return stream().filter(predicate).findFirst();
    }

    /** The first node of this subtree whose resource-id is {@code resourceId}. */
    public Optional<UiNode> findByResourceId(String resourceId) {
        return find(n -> n.resourceId.equals(resourceId));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(className);
        if (!resourceId.isEmpty()) sb.append(" id=").append(resourceId);
        if (!text.isEmpty()) sb.append(" text=\"").append(text).append('"');
        if (!contentDesc.isEmpty()) sb.append(" desc=\"").append(contentDesc).append('"');
        return sb.append(' ').append(bounds).toString();
    }

    public static final class Builder {
        private final String className;
        private String packageName = "";
        private String text = "";
        private String contentDesc = "";
        private String resourceId = "";
        private String hint = "";
        private boolean checkable;
        private boolean checked;
        private boolean clickable;
        private boolean enabled = true;
        private boolean focusable;
        private boolean focused;
        private boolean longClickable;
        private boolean password;
        private boolean scrollable;
        private boolean selected;
        private boolean displayed = true;
        private Bounds bounds = Bounds.EMPTY;
        private UiStyle style;
        private Runnable onClick;
        private Consumer<String> onInput;
        private final List<UiNode> children = new ArrayList<>();

        private Builder(String className) {
            if (className == null || className.isBlank()) {
                throw new IllegalArgumentException("className must not be blank");
            }
            this.className = className;
        }

        public Builder packageName(String v) { packageName = nn(v); return this; }
        public Builder text(String v) { text = nn(v); return this; }
        public Builder contentDesc(String v) { contentDesc = nn(v); return this; }
        public Builder resourceId(String v) { resourceId = nn(v); return this; }
        public Builder hint(String v) { hint = nn(v); return this; }
        public Builder checkable(boolean v) { checkable = v; return this; }
        public Builder checked(boolean v) { checked = v; return this; }
        public Builder clickable(boolean v) { clickable = v; return this; }
        public Builder enabled(boolean v) { enabled = v; return this; }
        public Builder focusable(boolean v) { focusable = v; return this; }
        public Builder focused(boolean v) { focused = v; return this; }
        public Builder longClickable(boolean v) { longClickable = v; return this; }
        public Builder password(boolean v) { password = v; return this; }
        public Builder scrollable(boolean v) { scrollable = v; return this; }
        public Builder selected(boolean v) { selected = v; return this; }
        public Builder displayed(boolean v) { displayed = v; return this; }
        public Builder bounds(Bounds v) { bounds = Objects.requireNonNull(v, "bounds"); return this; }
        public Builder style(UiStyle v) { style = v; return this; }
        /** Sets the tap behaviour and makes the node clickable. */
        public Builder onClick(Runnable v) { onClick = v; clickable = v != null || clickable; return this; }
        /** Sets the typing behaviour and makes the node focusable. */
        public Builder onInput(Consumer<String> v) { onInput = v; focusable = v != null || focusable; return this; }
        public Builder child(UiNode child) { children.add(Objects.requireNonNull(child, "child")); return this; }
        public Builder children(List<UiNode> nodes) { nodes.forEach(this::child); return this; }
        public Builder clearChildren() { children.clear(); return this; }

        public UiNode build() {
            return new UiNode(this);
        }

        private static String nn(String v) {
            return v == null ? "" : v;
        }
    }
}
