package dialtone.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageSourceTest {

    @Test
    void writesUiAutomator2Format() {
        UiNode root = UiNode.builder("android.widget.FrameLayout").packageName("p")
                .bounds(new Bounds(0, 0, 100, 50))
                .child(UiNode.builder("android.widget.TextView").packageName("p").text("a<b & \"c\" > d")
                        .resourceId("p:id/t").bounds(new Bounds(1, 2, 30, 40)).build())
                .child(UiNode.builder("android.widget.Button").packageName("p").text("Next").contentDesc("go")
                        .clickable(true).focusable(true).bounds(new Bounds(10, 20, 90, 45)).build())
                .build();

        String xml = PageSource.toXml(new UiSnapshot(root, 100, 50, 7));

        assertThat(xml).isEqualTo("""
                <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
                <hierarchy index="0" class="hierarchy" rotation="0" width="100" height="50">
                  <android.widget.FrameLayout index="0" package="p" class="android.widget.FrameLayout" text="" content-desc="" \
                resource-id="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" \
                long-clickable="false" password="false" scrollable="false" selected="false" bounds="[0,0][100,50]" displayed="true">
                    <android.widget.TextView index="0" package="p" class="android.widget.TextView" text="a&lt;b &amp; &quot;c&quot; &gt; d" \
                content-desc="" resource-id="p:id/t" checkable="false" checked="false" clickable="false" enabled="true" focusable="false" \
                focused="false" long-clickable="false" password="false" scrollable="false" selected="false" bounds="[1,2][30,40]" displayed="true" />
                    <android.widget.Button index="1" package="p" class="android.widget.Button" text="Next" content-desc="go" resource-id="" \
                checkable="false" checked="false" clickable="true" enabled="true" focusable="true" focused="false" long-clickable="false" \
                password="false" scrollable="false" selected="false" bounds="[10,20][90,45]" displayed="true" />
                  </android.widget.FrameLayout>
                </hierarchy>""");
    }

    @Test
    void dropsCharactersXmlCannotCarryAndEscapesNewlines() {
        UiNode root = UiNode.builder("android.widget.TextView").text("a\u0001b\nc").build();
        String xml = PageSource.toXml(new UiSnapshot(root, 10, 10, 1));
        assertThat(xml).contains("text=\"ab&#10;c\"");
    }

    @Test
    void classNamesThatAreNotXmlNamesBecomeValidTags() {
        UiNode root = UiNode.builder("com.example.Outer$Inner").build();
        String xml = PageSource.toXml(new UiSnapshot(root, 10, 10, 1));
        assertThat(xml).contains("<com.example.Outer_Inner index=\"0\"").contains("class=\"com.example.Outer$Inner\"");
    }

    @Test
    void boundsFormat() {
        assertThat(new Bounds(1, 2, 30, 40)).hasToString("[1,2][30,40]");
        assertThat(Bounds.of(10, 20, 5, 6)).isEqualTo(new Bounds(10, 20, 15, 26));
        assertThat(new Bounds(0, 0, 10, 20).center()).containsExactly(5, 10);
    }
}
