package dialtone.simulator.ui;

/** A small sign-in-like screen the UI tree and selector tests search. */
final class SampleScreen {
    static final String PKG = "com.example.phone";

    private SampleScreen() {}

    static UiTree tree() {
        return UiTree.of(Layout.screen(1280, 800, PKG)
                .title("Sign in")
                .action("settings", "Settings", () -> { })
                .text("hint", "Provision phone from Settings")
                .input("x", "Code", "", v -> { })
                .row(r -> r.secondaryButton("back", "Back", () -> { }).button("next", "Next", () -> { }))
                .snapshot(3));
    }
}
