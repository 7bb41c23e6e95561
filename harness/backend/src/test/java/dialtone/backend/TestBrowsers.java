package dialtone.backend;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The two browser engines the backend's pages are tested in. (Core's {@code Browsers} does the same
 * for the harness, but core depends on the backend for its tests, so the backend cannot use it.)
 */
final class TestBrowsers {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private TestBrowsers() {
    }

    /** A browser and the temporary profile it leaves behind. */
    record Browser(WebDriver driver, Path profile) implements AutoCloseable {
        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                if (profile != null) {
                    deleteTree(profile);
                }
            }
        }
    }

    static Browser open(String engine) {
        return switch (engine) {
            case "htmlunit" -> new Browser(new HtmlUnitDriver(true), null);
            case "chromium" -> chromium();
            default -> throw new IllegalArgumentException("unknown browser engine " + engine);
        };
    }

    /**
     * Headless Chromium from Debian's chromium and chromium-driver. Missing locally: the test is
     * skipped, saying why; missing where {@code CI} is set: the test fails, as CI must run it.
     */
    private static Browser chromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Chromium is not installed (" + CHROMIUM + " and " + CHROMEDRIVER
                    + " from the Debian packages chromium and chromium-driver)";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                fail(why + "; CI is set, so the Chromium browser tests must run");
            }
            Assumptions.abort(why + ": the Chromium variant is skipped (with CI=true it fails instead)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("dialtone-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
