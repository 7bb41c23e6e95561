package dialtone.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dialtone.model.Mac;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The Device Login portal driven in HtmlUnit and in headless Chromium, by the ids Microsoft's pages use. */
class PortalBrowserTest extends RunningBackendTest {
    private TestBrowsers.Browser browser;
    private WebDriver driver;

    @AfterEach
    void closeBrowser() { // runs before the base class stops the backend
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"htmlunit", "chromium"})
    void aSharedAccountSignsInThePhoneWithItsCodeInAnyCase(String engine) {
        FakePhone phone = new FakePhone(http, Mac.parse("64:16:7F:0A:10:01"));
        JsonNode grant = phone.startDeviceCodeGrant("contoso").json();
        String userCode = grant.path("user_code").asText();
        browser = TestBrowsers.open(engine);
        driver = browser.driver();
        driver.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(10)); // each step loads a new page
        driver.get(grant.path("verification_uri").asText());
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("Enter code");

        // a wrong code first: the portal says so and asks again
        driver.findElement(By.id("otc")).sendKeys("WRONGCODE");
        driver.findElement(By.id("idSIButton9")).click();
        assertThat(driver.findElement(By.id("error")).getText()).isEqualTo("That code didn't work. Check the code and try again.");

        driver.findElement(By.id("otc")).sendKeys(userCode.toLowerCase());
        driver.findElement(By.id("idSIButton9")).click();
        // "title" is on the code page too: find what only the next page has first (the implicit wait), so the
        // title read is the new page's, not the old one's going stale under a loaded machine
        WebElement otherTile = driver.findElement(By.id("otherTile"));
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("Pick an account");
        otherTile.click();
        driver.findElement(By.id("i0116")).sendKeys(TestBackends.UPN);
        driver.findElement(By.id("idSIButton9")).click();
        assertThat(driver.findElement(By.id("displayName")).getText()).isEqualTo(TestBackends.UPN);
        driver.findElement(By.id("i0118")).sendKeys("wrong-" + TestBackends.PASSWORD);
        driver.findElement(By.id("idSIButton9")).click();
        assertThat(driver.findElement(By.id("error")).getText()).startsWith("Your account or password is incorrect.");
        assertThat(driver.getPageSource()).doesNotContain(TestBackends.PASSWORD);
        assertThat(phone.pollToken(grant.path("device_code").asText()).json().path("error").asText())
                .isEqualTo("authorization_pending");

        driver.findElement(By.id("i0118")).sendKeys(TestBackends.PASSWORD);
        driver.findElement(By.id("idSIButton9")).click();
        assertThat(driver.findElement(By.id("done")).getText())
                .startsWith("You have signed in to the Microsoft Teams Android application on your device.");
        Http.Reply token = phone.pollToken(grant.path("device_code").asText());
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().path("access_token").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"htmlunit", "chromium"})
    void anExpiredCodeIsRefusedWithItsOwnMessage(String engine) {
        FakePhone phone = new FakePhone(http, Mac.parse("64:16:7F:0A:10:02"));
        JsonNode grant = phone.startDeviceCodeGrant("contoso").json();
        http.post("/test/v1/clock", java.util.Map.of("advanceSeconds", 900), null);
        browser = TestBrowsers.open(engine);
        driver = browser.driver();
        driver.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(10)); // each step loads a new page
        driver.get(backend.url() + "/devicelogin");
        driver.findElement(By.id("otc")).sendKeys(grant.path("user_code").asText());
        driver.findElement(By.id("idSIButton9")).click();
        assertThat(driver.findElement(By.id("error")).getText())
                .isEqualTo("That code has expired. Get a new code on your device and try again.");
    }
}
