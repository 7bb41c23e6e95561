package dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.core.portal.Browsers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Regenerates the README's report screenshots: runs the smoke suite on the virtual rack with a
 * single-file report, opens it in headless Chromium and saves the Overview
 * ({@code allure-report.png}) and one test's steps ({@code allure-test-steps.png}) into the
 * directory named by {@code -Ddialtone.screenshots}. Off unless that property is set:
 * <pre>
 * ./mvnw -q -o -pl harness/cli -am test -Dtest=ReportScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddialtone.screenshots=$PWD/docs/images
 * </pre>
 * {@code -Ddialtone.screenshots.reports=DIR} reuses the
 * reports directory of an earlier smoke run with {@code --single-file} instead of running one.
 */
@EnabledIfSystemProperty(named = "dialtone.screenshots", matches = ".+")
class ReportScreenshotTest {
    private static final Dimension WINDOW = new Dimension(1280, 800);
    private static final Duration RENDER = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void screenshotsTheSmokeReport() throws Exception {
        Path images = Path.of(System.getProperty("dialtone.screenshots"));
        Path reports = reports();
        Files.createDirectories(images);

        WebDriver browser = Browsers.create("chromium");
        try {
            browser.manage().window().setSize(WINDOW);
            browser.get(reports.resolve("allure-report/index.html").toUri().toString());
            WebDriverWait wait = new WebDriverWait(browser, RENDER);
            wait.until(d -> d.findElement(By.tagName("body")).getText().contains("test cases"));
            save(browser, images.resolve("allure-report.png"));

            browser.get(reports.resolve("allure-report/index.html").toUri() + "#suites");
            Set<WebElement> expanded = new HashSet<>();
            WebElement leaf = wait.until(d -> {
                List<WebElement> leaves = d.findElements(By.cssSelector(".node__leaf")).stream().filter(WebElement::isDisplayed).toList();
                if (!leaves.isEmpty()) return leaves.get(0);
                // expand the first model, then its first device
                d.findElements(By.cssSelector(".node__title")).stream()
                        .filter(t -> t.isDisplayed() && !expanded.contains(t)).findFirst()
                        .ifPresent(t -> {
                            expanded.add(t);
                            t.click();
                        });
                return null;
            });
            leaf.click();
            wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Execution"));
            save(browser, images.resolve("allure-test-steps.png"));
        } finally {
            browser.quit();
        }
        assertThat(images.resolve("allure-report.png")).isNotEmptyFile();
        assertThat(Files.size(images.resolve("allure-report.png"))).as("README images stay small").isLessThan(300_000);
        assertThat(Files.size(images.resolve("allure-test-steps.png"))).as("README images stay small").isLessThan(300_000);
    }

    /** The reports directory of a smoke run with a single-file report (index.html works from file://). */
    private Path reports() {
        String reuse = System.getProperty("dialtone.screenshots.reports");
        Path reports = reuse == null ? temp.resolve("reports") : Path.of(reuse);
        if (reuse != null && Files.isRegularFile(reports.resolve("allure-report/index.html"))) {
            return reports;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path rack = FreePortRack.write(Workspace.current().defaultRack(), temp.resolve("rack.yaml"));
        int exit = Cli.run(out, "run", "smoke", "--rack", rack.toString(), "--reports", reports.toString(), "--single-file");
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return reports;
    }

    private static void save(WebDriver browser, Path png) throws Exception {
        Files.write(png, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
