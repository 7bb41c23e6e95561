package dialtone.simulator.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lays out a phone screen so phone authors don't compute pixels: an optional title bar (title and
 * icon actions on the right) over a centred column of items stacked top to bottom. Sizes scale
 * with the display; if the items don't fit they are shrunk to fit. Ids are bare names completed
 * with the screen's package ({@code next} → {@code pkg:id/next}); an id already of the form
 * {@code pkg:id/name} is kept; null or empty means no id.
 *
 * <pre>{@code
 * UiNode root = Layout.screen(1280, 800, "com.microsoft.skype.teams.ipphone")
 *         .title("Provision phone")
 *         .action("settings", "Settings", phone::openSettings)
 *         .text("instructions", "Enter the verification code")
 *         .input("code", "Verification code", code, phone::setCode)
 *         .dialPad("key_", phone::pressKey)
 *         .row(r -> r.secondaryButton("cancel", "Cancel", phone::back).button("next", "Next", phone::submit))
 *         .build();
 * }</pre>
 */
public final class Layout {

    private static final String FRAME = "android.widget.FrameLayout";
    private static final String LINEAR = "android.widget.LinearLayout";
    private static final String VIEW_GROUP = "android.view.ViewGroup";
    private static final String TEXT_VIEW = "android.widget.TextView";
    private static final String BUTTON = "android.widget.Button";
    private static final String IMAGE_BUTTON = "android.widget.ImageButton";
    private static final String EDIT_TEXT = "android.widget.EditText";
    private static final String PROGRESS_BAR = "android.widget.ProgressBar";
    private static final String VIEW = "android.view.View";
    private static final String RECYCLER = "androidx.recyclerview.widget.RecyclerView";

    private static final String[] DIAL_KEYS = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"};

    private final int width;
    private final int height;
    private final String pkg;
    private final double scale;
    private String title;
    private String titleId;
    private final List<Item> actions = new ArrayList<>();
    private final Cells column = new Cells();

    private Layout(int width, int height, String pkg) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("display size must be positive: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pkg = Objects.requireNonNull(pkg, "package");
        this.scale = Math.max(0.35, Math.min(width / 1280.0, height / 800.0));
    }

    /** Starts a screen of the given display size for the app {@code pkg}. */
    public static Layout screen(int width, int height, String pkg) {
        return new Layout(width, height, pkg);
    }

    /** The title shown in the title bar. */
    public Layout title(String text) {
        return title("title", text);
    }

    public Layout title(String id, String text) {
        this.titleId = id;
        this.title = text;
        return this;
    }

    /** An icon button on the right of the title bar, e.g. the gear: {@code action("settings", "Settings", ...)}. */
    public Layout action(String id, String contentDesc, Runnable onClick) {
        actions.add(column.iconItem(id, contentDesc, onClick));
        return this;
    }

    public Layout text(String id, String text) { column.text(id, text); return this; }
    public Layout caption(String id, String text) { column.caption(id, text); return this; }
    public Layout heading(String id, String text) { column.heading(id, text); return this; }
    public Layout code(String id, String code) { column.code(id, code); return this; }
    public Layout banner(String id, String text) { column.banner(id, text); return this; }
    public Layout button(String id, String label, Runnable onClick) { column.button(id, label, onClick); return this; }
    public Layout secondaryButton(String id, String label, Runnable onClick) { column.secondaryButton(id, label, onClick); return this; }
    public Layout icon(String id, String contentDesc, Runnable onClick) { column.icon(id, contentDesc, onClick); return this; }
    public Layout input(String id, String hint, String value, Consumer<String> onInput) { column.input(id, hint, value, onInput); return this; }
    public Layout password(String id, String hint, String value, Consumer<String> onInput) { column.password(id, hint, value, onInput); return this; }
    public Layout progress(String id) { column.progress(id); return this; }
    public Layout divider() { column.divider(); return this; }
    public Layout space(int dp) { column.space(dp); return this; }

    /** Items side by side, sharing the width equally. */
    public Layout row(Consumer<Cells> cells) {
        Cells row = new Cells();
        cells.accept(row);
        column.items.add(rowItem(LINEAR, "", row.items));
        return this;
    }

    /** Items in a grid of {@code columns} columns, filled row by row. */
    public Layout grid(String id, int columns, Consumer<Cells> cells) {
        if (columns <= 0) {
            throw new IllegalArgumentException("columns must be positive");
        }
        Cells all = new Cells();
        cells.accept(all);
        List<Item> rows = new ArrayList<>();
        for (int i = 0; i < all.items.size(); i += columns) {
            List<Item> slice = new ArrayList<>(all.items.subList(i, Math.min(i + columns, all.items.size())));
            while (slice.size() < columns) {
                slice.add(spaceItem(0));
            }
            rows.add(rowItem(LINEAR, "", slice));
        }
        column.items.add(columnItem(VIEW_GROUP, id, rows, 0.62));
        return this;
    }

    /** A scrolling list (a RecyclerView) of full-width rows, as newer firmware lays out Settings. */
    public Layout list(String id, Consumer<Cells> rows) {
        Cells all = new Cells();
        rows.accept(all);
        column.items.add(columnItem(RECYCLER, id, all.items, 1.0));
        return this;
    }

    /**
     * A telephone keypad: 3 x 4 keys {@code 1..9 * 0 #}. Each key is a Button with the key as text
     * and content-desc and the id {@code idPrefix + name}, name being the digit, {@code star} or
     * {@code pound}. {@code onKey} receives the key's text.
     */
    public Layout dialPad(String idPrefix, Consumer<String> onKey) {
        return grid(idPrefix + "dialpad", 3, g -> {
            for (String k : DIAL_KEYS) {
                String name = switch (k) {
                    case "*" -> "star";
                    case "#" -> "pound";
                    default -> k;
                };
                g.key(idPrefix + name, k, () -> onKey.accept(k));
            }
        });
    }

    /** Any node: {@code factory} receives the bounds the layout gives it. */
    public Layout node(int heightDp, Function<Bounds, UiNode> factory) {
        column.node(heightDp, factory);
        return this;
    }

    /** The root node: a full-screen FrameLayout holding the title bar and the content column. */
    public UiNode build() {
        UiNode.Builder root = UiNode.builder(FRAME).packageName(pkg).bounds(new Bounds(0, 0, width, height));
        int barH = 0;
        if (title != null || !actions.isEmpty()) {
            barH = px(72);
            UiNode.Builder bar = UiNode.builder(VIEW_GROUP).packageName(pkg).resourceId(id("toolbar"))
                    .bounds(new Bounds(0, 0, width, barH)).style(UiStyle.BAR);
            int iconSize = px(56);
            int right = width - px(12);
            List<UiNode> icons = new ArrayList<>();
            for (int i = actions.size() - 1; i >= 0; i--) {
                int top = (barH - iconSize) / 2;
                icons.add(0, actions.get(i).place(new Bounds(right - iconSize, top, right, top + iconSize)));
                right -= iconSize + px(8);
            }
            if (title != null) {
                bar.child(UiNode.builder(TEXT_VIEW).packageName(pkg).resourceId(id(titleId)).text(title)
                        .style(UiStyle.TITLE).bounds(new Bounds(px(24), 0, Math.max(px(24), right), barH)).build());
            }
            icons.forEach(bar::child);
            root.child(bar.build());
        }
        Bounds content = new Bounds(0, barH, width, height);
        int padX = Math.max(px(32), width / 10);
        Bounds inner = new Bounds(padX, barH + px(16), width - padX, height - px(16));
        UiNode.Builder body = UiNode.builder(LINEAR).packageName(pkg).resourceId(id("content"))
                .bounds(content).style(UiStyle.CONTAINER);
        stack(column.items, inner).forEach(body::child);
        return root.child(body.build()).build();
    }

    /** {@link #build()} wrapped in a snapshot of this display size. */
    public UiSnapshot snapshot(long generation) {
        return new UiSnapshot(build(), width, height, generation);
    }

    // ---- placement -------------------------------------------------------------------------

    /** One thing to place: its preferred height in layout units and how to build it in given bounds. */
    private record Item(int heightDp, double widthShare, Function<Bounds, UiNode> place) {
        UiNode place(Bounds b) {
            return place.apply(b);
        }
    }

    private List<UiNode> stack(List<Item> items, Bounds area) {
        int gap = px(12);
        int wanted = items.stream().mapToInt(i -> px(i.heightDp)).sum() + gap * Math.max(0, items.size() - 1);
        double shrink = wanted > area.height() && wanted > 0 ? (double) area.height() / wanted : 1.0;
        List<UiNode> out = new ArrayList<>();
        int y = area.top();
        for (Item item : items) {
            int h = (int) Math.floor(px(item.heightDp) * shrink);
            int w = (int) Math.round(area.width() * item.widthShare);
            int left = area.left() + (area.width() - w) / 2;
            UiNode n = item.place(new Bounds(left, y, left + w, Math.min(y + h, area.bottom())));
            if (n != null) {
                out.add(n);
            }
            y = Math.min(area.bottom(), y + h + (int) Math.floor(gap * shrink));
        }
        return out;
    }

    private Item rowItem(String className, String id, List<Item> cells) {
        int h = cells.stream().mapToInt(Item::heightDp).max().orElse(0);
        return new Item(h, 1.0, b -> {
            UiNode.Builder row = UiNode.builder(className).packageName(pkg).resourceId(id(id)).bounds(b).style(UiStyle.CONTAINER);
            int gap = px(12);
            int n = Math.max(1, cells.size());
            int cellW = (b.width() - gap * (n - 1)) / n;
            for (int i = 0; i < cells.size(); i++) {
                int left = b.left() + i * (cellW + gap);
                UiNode c = cells.get(i).place(new Bounds(left, b.top(), left + cellW, b.bottom()));
                if (c != null) {
                    row.child(c);
                }
            }
            return row.build();
        });
    }

    private Item columnItem(String className, String id, List<Item> rows, double widthShare) {
        int gap = 12;
        int h = rows.stream().mapToInt(Item::heightDp).sum() + gap * Math.max(0, rows.size() - 1);
        return new Item(h, widthShare, b -> {
            UiNode.Builder col = UiNode.builder(className).packageName(pkg).resourceId(id(id)).bounds(b).style(UiStyle.CONTAINER);
            stack(rows, b).forEach(col::child);
            return col.build();
        });
    }

    private static Item spaceItem(int dp) {
        return new Item(dp, 1.0, b -> null);
    }

    private int px(int dp) {
        return (int) Math.round(dp * scale);
    }

    private String id(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        return name.contains(":id/") ? name : pkg + ":id/" + name;
    }

    /** The items of a column, row or grid; the same vocabulary everywhere. */
    public final class Cells {
        private final List<Item> items = new ArrayList<>();

        private Cells() {
        }

        public Cells text(String id, String text) {
            return add(40, 1.0, textNode(id, text, UiStyle.BODY));
        }

        public Cells caption(String id, String text) {
            return add(32, 1.0, textNode(id, text, UiStyle.CAPTION));
        }

        public Cells heading(String id, String text) {
            return add(56, 1.0, textNode(id, text, UiStyle.TITLE));
        }

        /** A code to read out, e.g. the device login code. */
        public Cells code(String id, String code) {
            return add(88, 0.7, textNode(id, code, UiStyle.CODE));
        }

        public Cells banner(String id, String text) {
            return add(56, 1.0, textNode(id, text, UiStyle.BANNER));
        }

        public Cells button(String id, String label, Runnable onClick) {
            return add(64, 0.5, b -> UiNode.builder(BUTTON).packageName(pkg).resourceId(id(id)).text(label)
                    .clickable(true).focusable(true).onClick(onClick).style(UiStyle.BUTTON).bounds(b).build());
        }

        public Cells secondaryButton(String id, String label, Runnable onClick) {
            return add(64, 0.5, b -> UiNode.builder(BUTTON).packageName(pkg).resourceId(id(id)).text(label)
                    .clickable(true).focusable(true).onClick(onClick).style(UiStyle.BUTTON_SECONDARY).bounds(b).build());
        }

        /** A row of a list: the whole row is the tap target. */
        public Cells listItem(String id, String text, Runnable onClick) {
            return add(56, 1.0, b -> UiNode.builder(TEXT_VIEW).packageName(pkg).resourceId(id(id)).text(text)
                    .clickable(onClick != null).focusable(onClick != null).onClick(onClick).style(UiStyle.BODY).bounds(b).build());
        }

        /** A dial-pad-like key: text and content-desc are the label. */
        public Cells key(String id, String label, Runnable onClick) {
            return add(72, 1.0, b -> UiNode.builder(BUTTON).packageName(pkg).resourceId(id(id)).text(label)
                    .contentDesc(label).clickable(true).focusable(true).onClick(onClick).style(UiStyle.KEY).bounds(b).build());
        }

        public Cells icon(String id, String contentDesc, Runnable onClick) {
            items.add(iconItem(id, contentDesc, onClick));
            return this;
        }

        /** A text field; {@code onInput} receives its full new text. */
        public Cells input(String id, String hint, String value, Consumer<String> onInput) {
            return add(64, 0.8, inputNode(id, hint, value, onInput, false));
        }

        public Cells password(String id, String hint, String value, Consumer<String> onInput) {
            return add(64, 0.8, inputNode(id, hint, value, onInput, true));
        }

        /** Indeterminate progress (the pulsing line). */
        public Cells progress(String id) {
            return add(16, 0.8, b -> UiNode.builder(PROGRESS_BAR).packageName(pkg).resourceId(id(id))
                    .style(UiStyle.PROGRESS).bounds(b).build());
        }

        public Cells divider() {
            return add(2, 1.0, b -> UiNode.builder(VIEW).packageName(pkg).style(UiStyle.DIVIDER).bounds(b).build());
        }

        public Cells space(int dp) {
            items.add(spaceItem(dp));
            return this;
        }

        public Cells node(int heightDp, Function<Bounds, UiNode> factory) {
            return add(heightDp, 1.0, factory);
        }

        private Cells add(int heightDp, double widthShare, Function<Bounds, UiNode> place) {
            items.add(new Item(heightDp, widthShare, place));
            return this;
        }

        private Item iconItem(String id, String contentDesc, Runnable onClick) {
            return new Item(56, 0.0, b -> {
                int side = Math.min(b.height(), Math.max(b.width(), px(56)));
                int left = b.centerX() - side / 2;
                return UiNode.builder(IMAGE_BUTTON).packageName(pkg).resourceId(id(id)).contentDesc(contentDesc)
                        .clickable(true).focusable(true).onClick(onClick).style(UiStyle.ICON)
                        .bounds(new Bounds(left, b.top(), left + side, b.top() + side)).build();
            });
        }

        private Function<Bounds, UiNode> textNode(String id, String text, UiStyle style) {
            return b -> UiNode.builder(TEXT_VIEW).packageName(pkg).resourceId(id(id)).text(text).style(style).bounds(b).build();
        }

        private Function<Bounds, UiNode> inputNode(String id, String hint, String value, Consumer<String> onInput, boolean password) {
            return b -> UiNode.builder(EDIT_TEXT).packageName(pkg).resourceId(id(id)).text(value).hint(hint)
                    .clickable(true).focusable(true).longClickable(true).password(password)
                    .onInput(onInput).style(UiStyle.INPUT).bounds(b).build();
        }
    }
}
