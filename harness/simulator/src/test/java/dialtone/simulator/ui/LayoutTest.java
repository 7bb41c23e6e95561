package dialtone.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private static final String PKG = "com.example.phone";

    @Test
    void dialPadIsThreeByFourKeysWithIdsAndDescriptions() {
        List<String> pressed = new ArrayList<>();
        UiNode root = Layout.screen(1280, 800, PKG).title("Provision phone").dialPad("key_", pressed::add).build();
        List<UiNode> keys = root.stream().filter(n -> n.style() == UiStyle.KEY).toList();
        assertThat(keys).extracting(UiNode::text).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#");
        assertThat(keys).extracting(UiNode::contentDesc).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#");
        assertThat(keys.get(9).resourceId()).isEqualTo(PKG + ":id/key_star");
        assertThat(keys.get(11).resourceId()).isEqualTo(PKG + ":id/key_pound");
        // 3 columns: keys 1,2,3 share a row, left to right; 4 is below 1
        assertThat(keys.get(0).bounds().top()).isEqualTo(keys.get(2).bounds().top());
        assertThat(keys.get(0).bounds().right()).isLessThanOrEqualTo(keys.get(1).bounds().left());
        assertThat(keys.get(3).bounds().top()).isGreaterThanOrEqualTo(keys.get(0).bounds().bottom());
        keys.get(10).onClick().orElseThrow().run();
        assertThat(pressed).containsExactly("0");
    }

    @Test
    void everyNodeLiesOnTheScreenAndItemsDoNotOverlap() {
        UiNode root = Layout.screen(480, 272, PKG).title("Provision phone").action("settings", "Settings", () -> { })
                .text("t", "Enter the code").input("code", "Code", "", v -> { }).dialPad("key_", k -> { })
                .button("next", "Next", () -> { }).build();
        Bounds screen = new Bounds(0, 0, 480, 272);
        root.stream().forEach(n -> {
            assertThat(n.bounds().left()).as(n.toString()).isBetween(screen.left(), screen.right());
            assertThat(n.bounds().bottom()).as(n.toString()).isBetween(screen.top(), screen.bottom());
        });
        UiNode content = root.findByResourceId(PKG + ":id/content").orElseThrow();
        List<UiNode> items = content.children();
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).bounds().top()).as(items.get(i).toString()).isGreaterThanOrEqualTo(items.get(i - 1).bounds().bottom());
        }
    }

    @Test
    void idsArePrefixedWithThePackageUnlessQualified() {
        UiNode root = Layout.screen(1280, 800, PKG).button("next", "Next", () -> { })
                .button("android:id/button1", "OK", () -> { }).text(null, "no id").build();
        assertThat(root.stream().map(UiNode::resourceId)).contains(PKG + ":id/next", "android:id/button1");
        assertThat(root.find(n -> n.text().equals("no id")).orElseThrow().resourceId()).isEmpty();
    }

    @Test
    void actionsSitInTheTitleBarOnTheRight() {
        UiNode root = Layout.screen(1280, 800, PKG).title("Sign in").action("settings", "Settings", () -> { }).build();
        UiNode gear = root.find(n -> n.contentDesc().equals("Settings")).orElseThrow();
        UiNode title = root.findByResourceId(PKG + ":id/title").orElseThrow();
        assertThat(gear.clickable()).isTrue();
        assertThat(gear.bounds().left()).isGreaterThanOrEqualTo(title.bounds().right());
        assertThat(gear.bounds().bottom()).isLessThanOrEqualTo(root.findByResourceId(PKG + ":id/toolbar").orElseThrow().bounds().bottom());
    }
}
