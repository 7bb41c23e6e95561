package dialtone.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UiTreeTest {

    private static final String PKG = SampleScreen.PKG;

    private final UiTree tree = SampleScreen.tree();

    private List<UiNode> find(Locator l) {
        return tree.findAll(l, -1, null).stream().map(tree::node).toList();
    }

    @Test
    void xpathByClassAndText() {
        assertThat(find(Locator.xpath("//android.widget.Button[@text='Next']")))
                .singleElement().extracting(UiNode::resourceId).isEqualTo(PKG + ":id/next");
    }

    @Test
    void xpathByResourceId() {
        assertThat(find(Locator.xpath("//*[@resource-id='" + PKG + ":id/x']")))
                .singleElement().extracting(UiNode::className).isEqualTo("android.widget.EditText");
    }

    @Test
    void xpathContains() {
        assertThat(find(Locator.xpath("//*[contains(@text,'Provision')]")))
                .singleElement().extracting(UiNode::resourceId).isEqualTo(PKG + ":id/hint");
    }

    @Test
    void xpathResultsComeInDocumentOrder() {
        assertThat(find(Locator.xpath("//android.widget.Button"))).extracting(UiNode::text).containsExactly("Back", "Next");
    }

    @Test
    void xpathWithinAnElementIsRelativeToIt() {
        int row = tree.findAll(Locator.className("android.widget.LinearLayout"), -1, null).get(1);
        assertThat(tree.findAll(Locator.xpath("./*[2]"), row, null)).extracting(tree::node).extracting(UiNode::text).containsExactly("Next");
    }

    @Test
    void malformedXpathIsAnInvalidSelector() {
        assertThatThrownBy(() -> find(Locator.xpath("//*[@text='x'")))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("//*[@text='x'");
    }

    @Test
    void xpathSelectingAttributesIsAnInvalidSelector() {
        assertThatThrownBy(() -> find(Locator.xpath("//android.widget.Button/@text")))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("must select elements");
    }

    @Test
    void bareIdsGetThePackageOfTheForegroundApp() {
        assertThat(find(Locator.id("next"))).singleElement().extracting(UiNode::text).isEqualTo("Next");
        assertThat(find(Locator.id(PKG + ":id/next"))).hasSize(1);
        assertThat(tree.findAll(Locator.id("next"), -1, "other.app")).isEmpty();
        assertThat(find(Locator.id("android:id/next"))).isEmpty();
    }

    @Test
    void accessibilityIdAndClassName() {
        assertThat(find(Locator.accessibilityId("Settings"))).singleElement().extracting(UiNode::className)
                .isEqualTo("android.widget.ImageButton");
        assertThat(find(Locator.className("android.widget.EditText"))).hasSize(1);
    }

    @Test
    void scopedSearchesOnlyDescendants() {
        int next = tree.findAll(Locator.id("next"), -1, null).get(0);
        assertThat(tree.findAll(Locator.id("next"), next, null)).isEmpty();
    }

    @Test
    void unknownStrategyIsAnInvalidSelector() {
        assertThatThrownBy(() -> Locator.parse("css selector", "#x")).isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("css selector");
    }
}
