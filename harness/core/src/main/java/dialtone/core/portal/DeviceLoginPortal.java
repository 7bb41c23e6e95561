package dialtone.core.portal;

import java.nio.CharBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator at the Device Login portal (field guide step 6): enter the phone's code,
 * "Use another account", the shared account's name and password, until the portal says done.
 * Each page is awaited; a page showing an error ends the walk with a {@link PortalException}
 * carrying the page's text. One browser per sign-in, always quit.
 */
public final class DeviceLoginPortal {
    private static final Logger log = LoggerFactory.getLogger(DeviceLoginPortal.class);
    private static final By ERROR = By.id("error");
    private static final By CODE = By.id("otc");
    private static final By NEXT = By.id("idSIButton9");
    private static final By OTHER_ACCOUNT = By.id("otherTile");
    private static final By USERNAME = By.id("i0116");
    private static final By PASSWORD = By.id("i0118");
    private static final By DONE = By.id("done");

    private final Supplier<WebDriver> browsers;
    private final Duration pageTimeout;

    /** @param browsers opens a fresh browser, e.g. {@code Browsers::fromSystemProperty} */
    public DeviceLoginPortal(Supplier<WebDriver> browsers, Duration pageTimeout) {
        this.browsers = Objects.requireNonNull(browsers, "browsers");
        this.pageTimeout = pageTimeout;
    }

    public DeviceLoginPortal(Supplier<WebDriver> browsers) {
        this(browsers, Duration.ofSeconds(20));
    }

    /** Signs the account in on the device that shows {@code userCode}; returns the portal's closing text. */
    public String signIn(String verificationUri, String userCode, String upn, char[] password) {
        WebDriver browser = browsers.get();
        try {
            log.info("Device Login portal: signing in {} with code {} at {}", upn, userCode, verificationUri);
            browser.get(verificationUri);
            type(await(browser, PortalException.Step.CODE, CODE), userCode);
            browser.findElement(NEXT).click();

            await(browser, PortalException.Step.PICK_ACCOUNT, OTHER_ACCOUNT).click();

            type(await(browser, PortalException.Step.USERNAME, USERNAME), upn);
            browser.findElement(NEXT).click();

            WebElement passwordField = await(browser, PortalException.Step.PASSWORD, PASSWORD);
            passwordField.sendKeys(CharBuffer.wrap(password));
            browser.findElement(NEXT).click();

            String done = await(browser, PortalException.Step.DONE, DONE).getText();
            log.info("Device Login portal: {} signed in", upn);
            return done;
        } catch (WebDriverException e) {
            // Selenium messages can quote typed text: keep only the type
            throw new PortalException(null, null, "the browser failed on the Device Login portal: "
                    + e.getClass().getSimpleName(), null);
        } finally {
            browser.quit();
        }
    }

    public String signIn(String verificationUri, String userCode, String upn, String password) {
        return signIn(verificationUri, userCode, upn, password.toCharArray());
    }

    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Waits until the page shows {@code expected} or an error; an error (on the page that
     * replaced the previous one) ends the walk.
     */
    private WebElement await(WebDriver browser, PortalException.Step step, By expected) {
        try {
            Awaitility.await("Device Login portal page " + step)
                    .atMost(pageTimeout)
                    .pollInterval(Duration.ofMillis(100))
                    .pollDelay(Duration.ZERO)
                    .ignoreExceptionsInstanceOf(WebDriverException.class)
                    .until(() -> !browser.findElements(expected).isEmpty() || !browser.findElements(ERROR).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new PortalException(step, null, "the Device Login portal did not show the " + step
                    + " page within " + pageTimeout.toSeconds() + " s (title: \"" + browser.getTitle() + "\")", null);
        }
        List<WebElement> errors = browser.findElements(ERROR);
        if (!errors.isEmpty() && browser.findElements(expected).isEmpty()) {
            String text = errors.get(0).getText().strip();
            throw new PortalException(previous(step), text,
                    "the Device Login portal refused the sign-in: " + text, null);
        }
        return browser.findElement(expected);
    }

    /** An error shows instead of the awaited page: it is about the input of the page before. */
    private static PortalException.Step previous(PortalException.Step step) {
        return step.ordinal() == 0 ? step : PortalException.Step.values()[step.ordinal() - 1];
    }
}
