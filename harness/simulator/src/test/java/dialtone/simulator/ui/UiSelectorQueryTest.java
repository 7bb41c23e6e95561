package dialtone.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code -android uiautomator} parser and matcher, including input no one should send. */
class UiSelectorQueryTest {

    private static final String PKG = SampleScreen.PKG;

    private final UiTree tree = SampleScreen.tree();

    private List<String> ids(String selector) {
        return tree.findAll(Locator.uiAutomator(selector), -1, null).stream()
                .map(i -> tree.node(i).resourceId().replace(PKG + ":id/", "")).toList();
    }

    private static void invalid(String selector, String... messageParts) {
        assertThatThrownBy(() -> UiSelectorQuery.parse(selector)).isInstanceOf(InvalidSelectorException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void attributeMethods() {
        assertThat(ids("new UiSelector().resourceId(\"" + PKG + ":id/next\")")).containsExactly("next");
        assertThat(ids("new UiSelector().resourceIdMatches(\".*:id/(back|next)\")")).containsExactly("back", "next");
        assertThat(ids("new UiSelector().text(\"Next\")")).containsExactly("next");
        assertThat(ids("new UiSelector().textContains(\"Provision\").clickable(false)")).containsExactly("hint");
        assertThat(ids("new UiSelector().textStartsWith(\"Provision\")")).containsExactly("hint");
        assertThat(ids("new UiSelector().textMatches(\"B.ck\")")).containsExactly("back");
        assertThat(ids("new UiSelector().description(\"Settings\")")).containsExactly("settings");
        assertThat(ids("new UiSelector().descriptionContains(\"ttin\")")).containsExactly("settings");
        assertThat(ids("new UiSelector().descriptionMatches(\"Sett.*\")")).containsExactly("settings");
        assertThat(ids("new UiSelector().className(\"android.widget.EditText\")")).containsExactly("x");
        assertThat(ids("new UiSelector().classNameMatches(\"android\\\\.widget\\\\.Butto.\")")).containsExactly("back", "next");
        assertThat(ids("new UiSelector().packageName(\"" + PKG + "\").focusable(true).className(\"android.widget.EditText\")"))
                .containsExactly("x");
        assertThat(ids("new UiSelector().enabled(true).clickable(true).className(\"android.widget.Button\")")).containsExactly("back", "next");
        assertThat(ids("new UiSelector().text(\"nothing\")")).isEmpty();
    }

    @Test
    void instanceAndIndex() {
        assertThat(ids("new UiSelector().className(\"android.widget.Button\").instance(1)")).containsExactly("next");
        assertThat(ids("new UiSelector().className(\"android.widget.Button\").instance(5)")).isEmpty();
        assertThat(ids("new UiSelector().className(\"android.widget.Button\").index(0)")).containsExactly("back");
    }

    @Test
    void childSelectorSearchesTheDescendantsOfEachMatch() {
        assertThat(ids("new UiSelector().className(\"android.widget.LinearLayout\").childSelector(new UiSelector().text(\"Next\"))"))
                .containsExactly("next");
        assertThat(ids("new UiSelector().text(\"Next\").childSelector(new UiSelector())")).isEmpty();
        assertThat(ids("new UiSelector().resourceId(\"" + PKG + ":id/content\")"
                + ".childSelector(new UiSelector().className(\"android.widget.LinearLayout\"))"
                + ".childSelector(new UiSelector().className(\"android.widget.Button\").instance(0))"))
                .containsExactly("back");
    }

    @Test
    void uiScrollableFindsItsTargetOnAScreenThatDoesNotScroll() {
        assertThat(ids("new UiScrollable(new UiSelector().scrollable(true)).scrollIntoView(new UiSelector().text(\"Next\"))"))
                .containsExactly("next");
        assertThat(ids(" new UiScrollable( new UiSelector() ).setAsVerticalList().setMaxSearchSwipes(3).scrollTextIntoView(\"Back\") ; "))
                .containsExactly("back");
    }

    @Test
    void javaStringEscapes() {
        UiTree quoted = UiTree.of(Layout.screen(100, 100, PKG).text("q", "say \"hi\"\\ \u00e9").snapshot(1));
        assertThat(quoted.findAll(Locator.uiAutomator("new UiSelector().text(\"say \\\"hi\\\"\\\\ \\u00e9\")"), -1, null)).hasSize(1);
    }

    @Test
    void malformedSelectorsNameThePositionAndTheProblem() {
        invalid("new UiSelector().text(\"x\"", "position 25", "expected ')'");
        invalid("new UiSelector().text(\"x)", "position 22", "unterminated string");
        invalid("new UiSelector(.text(\"x\")", "position 15", "expected ')'");
        invalid("new UiSelector().text(\"x\"))", "position 26", "unexpected text");
        invalid("new UiSelector().fly(\"x\")", "position 17", "'fly' is not supported");
        invalid("new UiSelector().fromParent(new UiSelector())", "'fromParent' is not supported");
        invalid("new UiScrollable(new UiSelector()).flingForward()", "'flingForward' is not supported");
        invalid("new UiView()", "expected 'UiSelector' or 'UiScrollable'");
        invalid("UiSelector().text(\"x\")", "position 0", "expected 'new'");
        invalid("newUiSelector()", "expected 'new'");
        invalid("new UiSelector().text(5)", "text() expects a string, got 5");
        invalid("new UiSelector().clickable(\"yes\")", "clickable() expects true or false");
        invalid("new UiSelector().instance(-1)", "instance() expects a non-negative integer");
        invalid("new UiSelector().instance(99999999999)", "too large number");
        invalid("new UiSelector().text()", "missing argument");
        invalid("new UiSelector().textMatches(\"(\")", "bad regular expression");
        invalid("new UiSelector().text(\"x\\u12\")", "\\u escape");
        invalid("", "position 0");
    }

    @Test
    void hostileInputIsRefusedQuickly() {
        assertThat(Duration.ofSeconds(2)).satisfies(budget -> {
            long start = System.nanoTime();
            invalid("new UiSelector()" + ".text(\"x\")".repeat(1000), "more than the 4096 accepted");
            invalid("new UiSelector()" + ".childSelector(new UiSelector()".repeat(20) + ")".repeat(20), "nested more than 8 deep");
            invalid("new UiSelector().text(\"" + "(".repeat(3000), "unterminated string");
            invalid("((((((((((((((((((((", "expected 'new'");
            invalid("new UiSelector()\0", "unexpected text");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(budget);
        });
    }
}
