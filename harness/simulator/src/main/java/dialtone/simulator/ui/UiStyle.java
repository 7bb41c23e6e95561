package dialtone.simulator.ui;

/** How the screenshot renderer draws a node. Not part of the page source. */
public enum UiStyle {
    /** Nothing of its own; only its children are drawn (layouts). */
    CONTAINER,
    /** Coloured top bar; its children are drawn light on dark. */
    BAR,
    /** Screen or bar title: large bold text. */
    TITLE,
    /** Ordinary text. */
    BODY,
    /** Small grey text (hints, footers). */
    CAPTION,
    /** Rounded, filled button with a centred label. */
    BUTTON,
    /** Outlined secondary button. */
    BUTTON_SECONDARY,
    /** Dial pad key: round-ish, large centred digit. */
    KEY,
    /** Text field: outlined box with text or a grey hint. */
    INPUT,
    /** Small icon button (e.g. the gear): a circle with a glyph from the content description. */
    ICON,
    /** A code to read out (device login code, verification code): large monospaced text in a box. */
    CODE,
    /** Coloured strip with text (success, error, "provisioning in progress"). */
    BANNER,
    /** Indeterminate progress: a pulsing line. */
    PROGRESS,
    /** Horizontal rule. */
    DIVIDER;

    /** The style a node gets when its author did not choose one. */
    public static UiStyle forClass(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return switch (simple) {
            case "Button", "CheckBox", "Switch", "ToggleButton", "RadioButton" -> BUTTON;
            case "ImageButton", "ImageView" -> ICON;
            case "EditText" -> INPUT;
            case "TextView", "CheckedTextView" -> BODY;
            case "ProgressBar" -> PROGRESS;
            default -> CONTAINER;
        };
    }
}
