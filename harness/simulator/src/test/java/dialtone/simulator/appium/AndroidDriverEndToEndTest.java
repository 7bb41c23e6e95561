package dialtone.simulator.appium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/** The real appium-java-client against the server, as the harness will use it. */
class AndroidDriverEndToEndTest {

    private static final String UDID = "127.0.0.1:5555";

    private FakePhone phone;
    private AppiumServer server;
    private AndroidDriver driver;

    @BeforeEach
    void start() throws Exception {
        phone = new FakePhone(UDID);
        server = AppiumServer.start("127.0.0.1", 0, udid -> udid.equals(UDID) ? Optional.of(phone) : Optional.empty());
        driver = new AndroidDriver(new URL(server.url()), new UiAutomator2Options().setUdid(UDID));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // some tests end the session themselves
            }
        }
        server.close();
    }

    @Test
    void sessionReportsThePhone() {
        assertThat(driver.getSessionId()).isNotNull();
        assertThat(driver.getCapabilities().getCapability("appium:udid")).isEqualTo(UDID);
        assertThat(String.valueOf(driver.getCapabilities().getCapability("appium:platformVersion"))).isEqualTo("12");
        assertThat(driver.getCapabilities().getPlatformName().name()).isEqualToIgnoringCase("android");
    }

    @Test
    void findsByIdAccessibilityIdXpathAndClassName() {
        WebElement next = driver.findElement(AppiumBy.id("next"));
        assertThat(next.getText()).isEqualTo("Next");
        assertThat(driver.findElement(AppiumBy.id(FakePhone.PKG + ":id/next")).getText()).isEqualTo("Next");
        assertThat(driver.findElement(AppiumBy.accessibilityId("Settings")).getAttribute("resource-id"))
                .isEqualTo(FakePhone.PKG + ":id/settings");
        assertThat(driver.findElement(By.xpath("//android.widget.Button[@text='Next']")).getAttribute("clickable"))
                .isEqualTo("true");
        assertThat(driver.findElements(AppiumBy.className("android.widget.EditText"))).hasSize(1);
        assertThat(driver.findElements(AppiumBy.id("nothing_here"))).isEmpty();
        assertThat(driver.findElement(AppiumBy.androidUIAutomator("new UiSelector().text(\"Next\")")).getAttribute("resource-id"))
                .isEqualTo(FakePhone.PKG + ":id/next");
        assertThat(next.isDisplayed()).isTrue();
        assertThat(next.isEnabled()).isTrue();
        assertThat(next.getRect().getWidth()).isPositive();
    }

    @Test
    void findsWithinAnElement() {
        WebElement content = driver.findElement(AppiumBy.id("content"));
        assertThat(content.findElement(AppiumBy.id("next")).getText()).isEqualTo("Next");
        assertThat(content.findElements(By.xpath(".//android.widget.TextView"))).extracting(WebElement::getText)
                .containsExactly("Contoso <Lab> & \"Friends\"");
        assertThatThrownBy(() -> content.findElement(AppiumBy.accessibilityId("Settings"))) // in the title bar, not the content
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void clickSwitchesScreensAndOldElementsGoStale() {
        WebElement next = driver.findElement(AppiumBy.id("next"));
        next.click();
        assertThat(phone.screenName()).isEqualTo("provision");
        assertThat(driver.findElement(AppiumBy.id("title")).getText()).isEqualTo("Provision phone");
        assertThatThrownBy(next::getText).isInstanceOf(StaleElementReferenceException.class);
        assertThatThrownBy(next::click).isInstanceOf(StaleElementReferenceException.class);
    }

    @Test
    void typesOnTheDialPadAndSendsKeys() {
        driver.findElement(AppiumBy.id("next")).click();
        for (String digit : List.of("6", "9", "7")) {
            driver.findElement(AppiumBy.accessibilityId(digit)).click();
        }
        WebElement code = driver.findElement(AppiumBy.id("code"));
        assertThat(code.getText()).isEqualTo("697");
        code.sendKeys("150");
        assertThat(driver.findElement(AppiumBy.id("code")).getText()).isEqualTo("697150");
        driver.findElement(AppiumBy.id("code")).clear();
        assertThat(driver.findElement(AppiumBy.id("code")).getText()).isEmpty();
    }

    @Test
    void missingElementIsNoSuchElement() {
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("does_not_exist")))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining(FakePhone.PKG + ":id/does_not_exist");
    }

    @Test
    void implicitWaitSeesAScreenThatAppearsLater() {
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            later.schedule(() -> phone.show("provision"), 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertThat(driver.findElement(AppiumBy.accessibilityId("5")).getText()).isEqualTo("5");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(4));
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void implicitWaitGivesUpAfterTheTimeout() {
        driver.manage().timeouts().implicitlyWait(Duration.ofMillis(400));
        long start = System.nanoTime();
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("never"))).isInstanceOf(NoSuchElementException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void pageSourceScreenshotAndWindow() throws Exception {
        String xml = driver.getPageSource();
        assertThat(xml).startsWith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>")
                .contains("<android.widget.Button index=\"")
                .contains("resource-id=\"" + FakePhone.PKG + ":id/next\"");
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(1280);
        assertThat(img.getHeight()).isEqualTo(800);
        assertThat(driver.manage().window().getSize().getWidth()).isEqualTo(1280);
    }

    @Test
    void mobileShellAndKeys() {
        Object out = driver.executeScript("mobile: shell", Map.of("command", "getprop", "args", List.of("ro.product.model")));
        assertThat(out).isEqualTo("CCX 600\n");
        driver.findElement(AppiumBy.id("next")).click();
        driver.executeScript("mobile: pressKey", Map.of("keycode", 4));
        assertThat(phone.keys).containsExactly(4);
        assertThat(phone.screenName()).isEqualTo("signin");
        driver.pressKey(new io.appium.java_client.android.nativekey.KeyEvent(io.appium.java_client.android.nativekey.AndroidKey.HOME));
        assertThat(phone.keys).containsExactly(4, 3);
    }

    @Test
    void quitEndsTheSession() {
        driver.quit();
        assertThat(server.sessionCount()).isZero();
        driver = null;
    }

    @Test
    void rebootedPhoneInvalidatesItsSession() {
        server.endSessionsOf(UDID);
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("next"))).isInstanceOf(NoSuchSessionException.class);
    }

    @Test
    void unknownUdidIsSessionNotCreatedNamingTheUdid() throws Exception {
        URL url = new URL(server.url());
        assertThatThrownBy(() -> new AndroidDriver(url, new UiAutomator2Options().setUdid("10.9.9.9:5555")))
                .isInstanceOf(SessionNotCreatedException.class)
                .hasMessageContaining("10.9.9.9:5555");
    }

    @Test
    void legacyWdHubPrefixWorks() throws Exception {
        driver.quit(); // one session per phone
        driver = null;
        AndroidDriver legacy = new AndroidDriver(new URL(server.url() + "/wd/hub"), new UiAutomator2Options().setUdid(UDID));
        try {
            assertThat(legacy.findElement(AppiumBy.id("next")).getText()).isEqualTo("Next");
        } finally {
            legacy.quit();
        }
    }
}
