package dialtone.simulator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ScreenRendererTest {

    private static final String PKG = "com.example.phone";

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("decodes as an image").isNotNull();
        return img;
    }

    @Test
    void pngHasTheDisplaySize() throws IOException {
        BufferedImage img = decode(ScreenRenderer.png(Layout.screen(480, 272, PKG).title("Hi").snapshot(1)));
        assertThat(img.getWidth()).isEqualTo(480);
        assertThat(img.getHeight()).isEqualTo(272);
    }

    @Test
    void thePngHoldsEveryPixelOfThePicture() throws IOException {
        UiSnapshot screen = Layout.screen(1024, 600, PKG).title("Sign in").code("c", "ABC123").snapshot(1);
        BufferedImage drawn = ScreenRenderer.image(screen);
        drawn.setRGB(0, 0, 0xFF0000); // a pixel whose left neighbour is larger in every byte: Sub filter wraps around
        drawn.setRGB(1, 0, 0x00FF01);
        BufferedImage read = decode(ScreenRenderer.png(drawn));
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                if (read.getRGB(x, y) != drawn.getRGB(x, y)) {
                    throw new AssertionError("pixel " + x + "," + y + ": " + Integer.toHexString(read.getRGB(x, y)) + " != " + Integer.toHexString(drawn.getRGB(x, y)));
                }
            }
        }
    }

    @Test
    void differentScreensGiveDifferentPictures() throws IOException {
        BufferedImage signIn = decode(ScreenRenderer.png(Layout.screen(1280, 800, PKG)
                .title("Sign in").code("code", "EV9PGNQN8").button("refresh", "Refresh code", () -> { }).snapshot(1)));
        BufferedImage dialPad = decode(ScreenRenderer.png(Layout.screen(1280, 800, PKG)
                .title("Provision phone").input("code", "Verification code", "", v -> { }).dialPad("key_", k -> { }).snapshot(2)));
        assertThat(differingPixels(signIn, dialPad)).isGreaterThan(1000);
    }

    @Test
    void textIsDrawn() throws IOException {
        // a screen whose only content is one text node: every non-background pixel comes from the text
        UiNode root = UiNode.builder("android.widget.FrameLayout").bounds(new Bounds(0, 0, 400, 100))
                .child(UiNode.builder("android.widget.TextView").text("Hello phone").bounds(new Bounds(10, 10, 390, 90)).build())
                .build();
        BufferedImage img = decode(ScreenRenderer.png(new UiSnapshot(root, 400, 100, 1)));
        UiNode empty = root.toBuilder().clearChildren().build();
        BufferedImage blank = decode(ScreenRenderer.png(new UiSnapshot(empty, 400, 100, 1)));
        assertThat(differingPixels(img, blank)).isGreaterThan(50);
        assertThat(countNot(blank, ScreenRenderer.BACKGROUND.getRGB())).isZero();
    }

    @Test
    void sameTextDifferentValueChangesThePicture() throws IOException {
        BufferedImage a = decode(ScreenRenderer.png(Layout.screen(640, 400, PKG).code("c", "ABC123").snapshot(1)));
        BufferedImage b = decode(ScreenRenderer.png(Layout.screen(640, 400, PKG).code("c", "XYZ789").snapshot(1)));
        assertThat(differingPixels(a, b)).isGreaterThan(20);
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int countNot(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
