package dialtone.simulator.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a screenshot of a screen from its UI tree: a PNG of the display's size, each node drawn in
 * its bounds according to its {@link UiStyle}. Uses only the JDK's logical fonts; on a machine
 * where text cannot be rendered (no fonts at all) it draws everything else and logs once.
 */
public final class ScreenRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenRenderer.class);
    private static final AtomicBoolean TEXT_BROKEN = new AtomicBoolean();

    static final Color BACKGROUND = new Color(0xF5, 0xF5, 0xF5);
    private static final Color INK = new Color(0x24, 0x24, 0x24);
    private static final Color MUTED = new Color(0x75, 0x75, 0x75);
    private static final Color ACCENT = new Color(0x5B, 0x5F, 0xC7);
    private static final Color ACCENT_DARK = new Color(0x44, 0x47, 0x91);
    private static final Color LINE = new Color(0xC8, 0xC6, 0xC4);
    private static final Color DISABLED = new Color(0xBD, 0xBD, 0xBD);
    private static final Color BANNER = new Color(0x23, 0x7B, 0x4B);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ScreenRenderer() {
    }

    /**
     * The screen as a PNG, written by ImageIO at its fastest compression. ImageIO's default (the
     * strongest deflate level) was a third of the simulator's CPU in {@code dialtone bench} (every
     * test stage takes a screenshot); explicit quality 0.9 (deflate level 1) writes flat UI pictures
     * about twice as fast, at a size that does not matter on loopback.
     */
    public static byte[] png(UiSnapshot s) {
        return png(image(s));
    }

    /** ImageIO's compression quality for screenshots: 1 is no compression at all (MBs a picture), 0 the slowest. */
    private static final float FAST_COMPRESSION = 0.9f;

    static byte[] png(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(FAST_COMPRESSION);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The picture as an image, for callers that want to post-process it. */
    public static BufferedImage image(UiSnapshot s) {
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, s.width(), s.height());
            new Painter(g, Math.max(0.35, Math.min(s.width() / 1280.0, s.height() / 800.0))).node(s.root(), false);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static final class Painter {
        private final Graphics2D g;
        private final double scale;

        Painter(Graphics2D g, double scale) {
            this.g = g;
            this.scale = scale;
        }

        void node(UiNode n, boolean onDark) {
            if (!n.displayed()) {
                return;
            }
            Bounds b = n.bounds();
            boolean childrenOnDark = onDark;
            switch (n.style()) {
                case CONTAINER -> { }
                case BAR -> {
                    g.setColor(ACCENT_DARK);
                    g.fillRect(b.left(), b.top(), b.width(), b.height());
                    childrenOnDark = true;
                }
                case TITLE -> text(n.text(), b, Font.BOLD, 30, onDark ? Color.WHITE : INK, false, false);
                case BODY -> text(n.text(), b, Font.PLAIN, 22, onDark ? Color.WHITE : INK, false, false);
                case CAPTION -> text(n.text(), b, Font.PLAIN, 17, onDark ? Color.LIGHT_GRAY : MUTED, false, false);
                case BUTTON -> {
                    Color fill = !n.enabled() ? DISABLED : n.selected() || n.checked() ? ACCENT_DARK : ACCENT;
                    round(b, fill, null);
                    text(n.text().isEmpty() ? n.contentDesc() : n.text(), b.inset(px(8)), Font.BOLD, 22, Color.WHITE, true, false);
                }
                case BUTTON_SECONDARY -> {
                    round(b, Color.WHITE, n.enabled() ? ACCENT : DISABLED);
                    text(n.text(), b.inset(px(8)), Font.BOLD, 22, n.enabled() ? ACCENT : DISABLED, true, false);
                }
                case KEY -> {
                    round(b, Color.WHITE, LINE);
                    text(n.text().isEmpty() ? n.contentDesc() : n.text(), b.inset(px(4)), Font.PLAIN, 32, INK, true, false);
                }
                case INPUT -> {
                    g.setColor(Color.WHITE);
                    g.fillRect(b.left(), b.top(), b.width(), b.height());
                    g.setColor(n.focused() ? ACCENT : LINE);
                    g.setStroke(new BasicStroke((float) Math.max(1, 2 * scale)));
                    g.drawRect(b.left(), b.top(), Math.max(0, b.width() - 1), Math.max(0, b.height() - 1));
                    Bounds inner = new Bounds(b.left() + px(14), b.top(), Math.max(b.left() + px(14), b.right() - px(8)), b.bottom());
                    if (n.text().isEmpty()) {
                        text(n.hint(), inner, Font.PLAIN, 22, MUTED, false, false);
                    } else {
                        text(n.password() ? "\u2022".repeat(n.text().length()) : n.text(), inner, Font.PLAIN, 22, INK, false, false);
                    }
                }
                case ICON -> icon(n, b, onDark ? Color.WHITE : ACCENT);
                case CODE -> {
                    round(b, Color.WHITE, ACCENT);
                    text(n.text(), b.inset(px(10)), Font.BOLD, 48, INK, true, true);
                }
                case BANNER -> {
                    g.setColor(BANNER);
                    g.fillRect(b.left(), b.top(), b.width(), b.height());
                    text(n.text(), b.inset(px(12)), Font.BOLD, 22, Color.WHITE, true, false);
                    childrenOnDark = true;
                }
                case PROGRESS -> {
                    int h = Math.max(2, Math.min(b.height(), px(6)));
                    int y = b.centerY() - h / 2;
                    g.setColor(LINE);
                    g.fillRect(b.left(), y, b.width(), h);
                    g.setColor(ACCENT);
                    g.fillRect(b.left() + b.width() / 3, y, b.width() / 3, h);
                }
                case DIVIDER -> {
                    g.setColor(LINE);
                    g.fillRect(b.left(), b.centerY(), b.width(), Math.max(1, px(1)));
                }
            }
            for (UiNode c : n.children()) {
                node(c, childrenOnDark);
            }
        }

        /** A gear for settings-like icons, otherwise a ring with the description's first letter. */
        private void icon(UiNode n, Bounds b, Color color) {
            int d = Math.max(4, Math.min(b.width(), b.height()) - px(12));
            int cx = b.centerX();
            int cy = b.centerY();
            g.setColor(color);
            String desc = n.contentDesc().toLowerCase(java.util.Locale.ROOT);
            if (desc.contains("setting") || desc.contains("gear")) {
                g.setStroke(new BasicStroke((float) Math.max(2, d / 7.0), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                int r = d / 2;
                for (int i = 0; i < 8; i++) {
                    double a = Math.PI / 4 * i;
                    g.drawLine(cx + (int) (Math.cos(a) * r * 0.55), cy + (int) (Math.sin(a) * r * 0.55),
                            cx + (int) (Math.cos(a) * r), cy + (int) (Math.sin(a) * r));
                }
                int ring = (int) (r * 1.3);
                g.drawOval(cx - ring / 2, cy - ring / 2, ring, ring);
            } else {
                g.setStroke(new BasicStroke((float) Math.max(1, 3 * scale)));
                g.drawOval(cx - d / 2, cy - d / 2, d, d);
                String glyph = desc.isEmpty() ? "" : n.contentDesc().substring(0, 1).toUpperCase(java.util.Locale.ROOT);
                text(glyph, b.inset(px(14)), Font.BOLD, 24, color, true, false);
            }
        }

        private void round(Bounds b, Color fill, Color border) {
            double arc = Math.min(b.height(), px(24));
            RoundRectangle2D r = new RoundRectangle2D.Double(b.left(), b.top(), Math.max(0, b.width() - 1), Math.max(0, b.height() - 1), arc, arc);
            g.setColor(fill);
            g.fill(r);
            if (border != null) {
                g.setColor(border);
                g.setStroke(new BasicStroke((float) Math.max(1, 2 * scale)));
                g.draw(r);
            }
        }

        /** Draws one line of text fitted into b (shrunk, then cut with an ellipsis). */
        private void text(String s, Bounds b, int weight, int sizeDp, Color color, boolean centred, boolean mono) {
            if (s == null || s.isEmpty() || b.width() <= 0 || b.height() <= 0 || TEXT_BROKEN.get()) {
                return;
            }
            try {
                int size = Math.max(8, Math.min(px(sizeDp), (int) (b.height() * 0.8)));
                Font font = new Font(mono ? Font.MONOSPACED : Font.SANS_SERIF, weight, size);
                FontMetrics fm = g.getFontMetrics(font);
                while (fm.stringWidth(s) > b.width() && size > 10) {
                    size--;
                    font = font.deriveFont((float) size);
                    fm = g.getFontMetrics(font);
                }
                String shown = s;
                while (fm.stringWidth(shown) > b.width() && shown.length() > 1) {
                    shown = shown.substring(0, shown.length() - 2) + "\u2026";
                }
                int x = centred ? b.centerX() - fm.stringWidth(shown) / 2 : b.left();
                int y = b.centerY() + (fm.getAscent() - fm.getDescent()) / 2;
                g.setFont(font);
                g.setColor(color);
                g.drawString(shown, x, y);
            } catch (RuntimeException | InternalError | LinkageError t) { // no usable fonts: the JDK throws these
                if (TEXT_BROKEN.compareAndSet(false, true)) {
                    LOG.warn("Cannot render text ({}); screenshots will be drawn without text", t.toString());
                }
            }
        }

        private int px(int dp) {
            return (int) Math.round(dp * scale);
        }
    }
}
