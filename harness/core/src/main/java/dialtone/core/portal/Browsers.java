package dialtone.core.portal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.support.events.EventFiringDecorator;
import org.openqa.selenium.support.events.WebDriverListener;

/**
 * Opens the browser the portal driver uses: {@code htmlunit} (default, nothing to install) or
 * {@code chromium} (Debian's chromium + chromium-driver, headless), chosen by {@code -Dbrowser=}.
 */
public final class Browsers {
    public static final String PROPERTY = "browser";
    static final String CHROMIUM_BINARY = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browsers() {
    }

    /** The browser named by the system property {@code browser}, HtmlUnit if unset. */
    public static WebDriver fromSystemProperty() {
        return create(System.getProperty(PROPERTY, "htmlunit"));
    }

    public static WebDriver create(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "htmlunit" -> new HtmlUnitDriver(false); // the portal pages need no JavaScript
            case "chromium", "chrome" -> chromium();
            default -> throw new IllegalArgumentException("unknown browser \"" + name
                    + "\"; use htmlunit (default) or chromium");
        };
    }

    private static WebDriver chromium() {
        Path profile;
        try {
            profile = Files.createTempDirectory("dialtone-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM_BINARY)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        // a fresh profile per browser, removed when it quits
        return new EventFiringDecorator<>(new WebDriverListener() {
            @Override
            public void afterQuit(WebDriver quit) {
                deleteTree(profile);
            }
        }).decorate(driver);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
