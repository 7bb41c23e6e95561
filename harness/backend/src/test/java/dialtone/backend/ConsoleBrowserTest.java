package dialtone.backend;

import static dialtone.backend.TestBackends.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dialtone.model.Mac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console page at {@code /}, driven in HtmlUnit and in headless Chromium. Chromium shows changes
 * made elsewhere live over SSE; HtmlUnit has no EventSource (HtmlUnit issue 395), so there the page
 * refreshes after its own actions and the test reloads it to see changes made by others.
 */
class ConsoleBrowserTest extends RunningBackendTest {
    private static final Duration BUDGET = Duration.ofSeconds(10);

    private TestBrowsers.Browser browser;
    private WebDriver driver;

    @AfterEach
    void closeBrowser() { // runs before the base class stops the backend
        if (browser != null) {
            browser.close();
        }
    }

    private void open(String engine) {
        browser = TestBrowsers.open(engine);
        driver = browser.driver();
        driver.get(backend.url() + "/");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"htmlunit", "chromium"})
    void theOperatorProvisionsAndSignsInAPhoneWithLiveTabs(String engine) throws Exception {
        open(engine);
        assertThat(driver.getPageSource()).doesNotContain(ADMIN_TOKEN);
        byId("adminToken").sendKeys(ADMIN_TOKEN);
        byId("useToken").click();
        awaitText("organization", "Contoso Ltd");
        if (live(engine)) {
            awaitText("live", "live");
        } else {
            assertThat(byId("live").getText()).startsWith("not live: this browser has no EventSource");
        }
        assertThat(byId("addedCount").getText()).isEqualTo("0");
        ((JavascriptExecutor) driver).executeScript("window.dialtoneMark = 'same page';");

        // Add MAC address: any spelling, shown in canonical form; the location is shown as typed, never as markup
        byId("macAddress").sendKeys("64-16-7f-0a-0b-0c");
        byId("location").sendKeys("Lobby <b>1</b>");
        byId("addMac").click();
        WebElement row = awaitRow("waitingOnActivation", "64:16:7F:0A:0B:0C");
        assertThat(row.findElement(By.className("location")).getText()).isEqualTo("Lobby <b>1</b>");
        assertThat(row.findElement(By.className("codeExpires")).getText()).isEqualTo("no code yet");
        awaitText("addedCount", "1");
        assertThat(byId("message").getText()).contains("1 added, 0 rejected");

        // a rejected row says why
        byId("macAddress").sendKeys("64:16:7F:0A:0B");
        byId("addMac").click();
        await().atMost(BUDGET).until(() -> byId("results").getText().contains("Row 1"));
        assertThat(byId("message").getText()).contains("0 added, 1 rejected");

        // Generate verification code: the code is shown once, the row shows its expiry
        awaitRow("waitingOnActivation", "64:16:7F:0A:0B:0C").findElement(By.className("generateCode")).click();
        await().atMost(BUDGET).until(() -> !driver.findElements(By.cssSelector("#results .code")).isEmpty());
        String code = driver.findElement(By.cssSelector("#results .code")).getText();
        assertThat(code).matches("[0-9]{6}");
        await().atMost(BUDGET).until(() -> awaitRow("waitingOnActivation", "64:16:7F:0A:0B:0C")
                .findElement(By.className("codeExpires")).getText().equals("2025-03-02 09:00 UTC"));

        // another client adds a device: over SSE it shows up without a reload
        http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", "64167F0A0B0D", "location", "Desk 2")),
                ADMIN_TOKEN);
        seeChangesMadeElsewhere(engine);
        awaitRow("waitingOnActivation", "64:16:7F:0A:0B:0D");
        awaitText("addedCount", "2");
        // another tenant's device never shows
        http.post("/admin/v1/provisioning/devices", List.of(Map.of("macAddress", "64167F0A0B0E", "location", "")),
                TestBackends.OTHER_ADMIN_TOKEN);

        // the technician enters the code on the phone: the record moves to Waiting for sign in
        Mac mac = Mac.parse("64:16:7F:0A:0B:0C");
        try (FakePhone phone = new FakePhone(http, mac)) {
            phone.hello();
            assertThat(phone.provision(code).status()).isEqualTo(200);
            seeChangesMadeElsewhere(engine);
            awaitText("waitingForSignInCount", "1");
            assertThat(rowOrNull("waitingOnActivation", "64:16:7F:0A:0B:0C")).isNull();
            byId("tab-waitingForSignIn").click();
            WebElement waiting = awaitRow("waitingForSignIn", "64:16:7F:0A:0B:0C");
            assertThat(waiting.isDisplayed()).isTrue();

            // "Signed Out" asks the phone for its device login code
            phone.answerSignInRequests();
            waiting.findElement(By.className("signIn")).click();
            await().atMost(BUDGET).until(() -> !driver.findElements(By.cssSelector("#results .signInCode .code")).isEmpty());
            String userCode = driver.findElement(By.cssSelector("#results .signInCode .code")).getText();
            assertThat(userCode).matches("[A-Z0-9]{8,9}");
            assertThat(driver.findElement(By.cssSelector("#results .signInCode a")).getAttribute("href"))
                    .isEqualTo(backend.url() + "/devicelogin");
        }
        assertThat(byId("addedCount").getText()).isEqualTo("2");
        assertThat(driver.findElements(By.cssSelector("tr[data-mac='64:16:7F:0A:0B:0E']"))).isEmpty();

        // Generate verification codes: every device waiting on activation
        byId("tab-waitingOnActivation").click();
        byId("generateAll").click();
        await().atMost(BUDGET).until(() -> byId("message").getText().contains("1 verification code(s) generated"));
        assertThat(driver.findElement(By.cssSelector("#results li[data-mac='64:16:7F:0A:0B:0D'] .code")).getText())
                .matches("[0-9]{6}");

        // Delete
        awaitRow("waitingOnActivation", "64:16:7F:0A:0B:0D").findElement(By.className("delete")).click();
        await().atMost(BUDGET).until(() -> rowOrNull("waitingOnActivation", "64:16:7F:0A:0B:0D") == null);
        awaitText("addedCount", "1");
        assertThat(http.get("/admin/v1/provisioning/summary", ADMIN_TOKEN).json().path("addedMacAddresses").asInt())
                .isEqualTo(1);

        // with SSE all of it happened on one page; a reload keeps the token of this tab
        if (live(engine)) {
            assertThat(((JavascriptExecutor) driver).executeScript("return window.dialtoneMark;")).isEqualTo("same page");
        }
        driver.navigate().refresh();
        awaitText("organization", "Contoso Ltd");
        awaitText("waitingForSignInCount", "1");
        assertThat(driver.getPageSource()).doesNotContain(ADMIN_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"htmlunit", "chromium"})
    void aWrongTokenIsRefusedAndForgotten(String engine) {
        open(engine);
        byId("adminToken").sendKeys("not-" + ADMIN_TOKEN);
        byId("useToken").click();
        await().atMost(BUDGET).until(() -> byId("tokenError").getText().contains("refused"));
        assertThat(byId("tokenPanel").isDisplayed()).isTrue();
        assertThat(byId("console").isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('dialtone.adminToken');"))
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"htmlunit", "chromium"})
    void uploadsACsvOfMacAddresses(String engine, @TempDir Path dir) throws Exception {
        Path csv = dir.resolve("Template_Provisioning.csv");
        String template = http.get("/admin/v1/provisioning/template", ADMIN_TOKEN).body();
        String header = template.lines().findFirst().orElseThrow();
        Files.writeString(csv, header + "\r\n64:16:7F:0A:0C:01,Room 1\r\n64:16:7F:0A:0C:01,Room 1 again\r\n",
                StandardCharsets.UTF_8);
        open(engine);
        byId("adminToken").sendKeys(ADMIN_TOKEN);
        byId("useToken").click();
        awaitText("organization", "Contoso Ltd");
        byId("csvFile").sendKeys(csv.toString());
        byId("upload").click();
        awaitRow("waitingOnActivation", "64:16:7F:0A:0C:01");
        await().atMost(BUDGET).until(() -> byId("message").getText().contains("1 added, 1 rejected"));
        assertThat(byId("results").getText()).contains("Row 2");
    }

    /** Chromium has a working EventSource; HtmlUnit only a stub. */
    private static boolean live(String engine) {
        return engine.equals("chromium");
    }

    private void seeChangesMadeElsewhere(String engine) {
        if (!live(engine)) {
            driver.navigate().refresh();
            awaitText("organization", "Contoso Ltd");
        }
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private void awaitText(String id, String text) {
        await().atMost(BUDGET).ignoreException(NoSuchElementException.class)
                .until(() -> byId(id).getText().strip().equals(text));
    }

    private WebElement awaitRow(String tab, String mac) {
        return await().atMost(BUDGET).until(() -> rowOrNull(tab, mac), r -> r != null);
    }

    private WebElement rowOrNull(String tab, String mac) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#" + tab + " tr[data-mac='" + mac + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }
}
