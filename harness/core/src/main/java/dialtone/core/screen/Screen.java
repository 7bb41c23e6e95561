package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.Locator;
import dialtone.model.profile.PhoneScreen;
import io.appium.java_client.AppiumBy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import static org.awaitility.Awaitility.await;

/**
 * A phone screen whose elements are found through the model's profile. Every lookup is awaited
 * within the profile's budget; a miss names the profile, the screen and the locator.
 */
public abstract class Screen<S extends Screen<S>> {
    protected final Phone phone;
    private final PhoneScreen screen;

    protected Screen(Phone phone, PhoneScreen screen) {
        this.phone = phone;
        this.screen = screen;
    }

    /** The element that says this screen is showing. */
    protected abstract String markerElement();

    @SuppressWarnings("unchecked")
    public S awaitShown(Duration budget) {
        element(markerElement(), budget);
        return (S) this;
    }

    public S awaitShown() {
        return awaitShown(phone.profile().budgets().screen());
    }

    /**
     * Whether the screen shows right now, without waiting and without renewing a lost session (the
     * recovery ladder's health check asks this: a lost session is for its rung to replace).
     */
    public boolean isShowing() {
        return !phone.driver().findElements(by(locator(markerElement()))).isEmpty();
    }

    protected boolean isShowing(String element) {
        return !findAll(by(locator(element))).isEmpty();
    }

    /**
     * The elements {@code by} finds now. A session the Appium server lost while the phone kept
     * running is renewed once and the lookup made again (the screen is what it was); any other
     * failure, or a lost session on a rebooted phone, stands.
     */
    private List<WebElement> findAll(By by) {
        try {
            return phone.driver().findElements(by);
        } catch (NoSuchSessionException e) {
            if (!phone.renewLostSession()) throw e;
            return phone.driver().findElements(by);
        }
    }

    protected WebElement element(String element) {
        return element(element, phone.profile().budgets().screen());
    }

    protected WebElement element(String element, Duration budget) {
        return find(element, locator(element), budget);
    }

    protected WebElement find(String element, Locator locator, Duration budget) {
        By by = by(locator);
        if (budget.isZero() || budget.isNegative()) { // one look now (Awaitility refuses a zero budget)
            List<WebElement> now = findAll(by);
            if (now.isEmpty()) throw new LocatorNotFoundException(phone.profile(), screen, element, locator, budget);
            return now.get(0);
        }
        AtomicReference<WebElement> found = new AtomicReference<>();
        try {
            await(phone.id() + " " + screen.key() + "." + element)
                    .atMost(budget)
                    .pollInterval(phone.profile().budgets().poll())
                    .pollDelay(Duration.ZERO) // look at once (Awaitility waits one poll interval first by default): most of the time it is there
                    .pollInSameThread()
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .until(() -> {
                        List<WebElement> all = findAll(by);
                        if (all.isEmpty()) return false;
                        found.set(all.get(0));
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LocatorNotFoundException(phone.profile(), screen, element, locator, budget);
        }
        return found.get();
    }

    /**
     * Finds and taps an element. A phone may redraw its screen between the find and the tap (a
     * background event: a code expiring, a poll answered), which makes the element stale: the tap
     * then looks for it again, once, as a finger would land on the redrawn button.
     */
    protected void tap(String element, Locator locator, Duration budget) {
        try {
            find(element, locator, budget).click();
        } catch (StaleElementReferenceException e) {
            find(element, locator, budget).click();
        }
    }

    /** Taps an element of this screen (see {@link #tap(String, Locator, Duration)}). */
    protected void tap(String element) {
        tap(element, locator(element), phone.profile().budgets().screen());
    }

    /** The text of an element of this screen; looked up again once if the phone redrew the screen meanwhile. */
    protected String text(String element) {
        try {
            return element(element).getText();
        } catch (StaleElementReferenceException e) {
            return element(element).getText();
        }
    }

    /** Types into an element of this screen; looked up again once if the phone redrew the screen meanwhile. */
    protected void type(String element, String text) {
        try {
            element(element).sendKeys(text);
        } catch (StaleElementReferenceException e) {
            element(element).sendKeys(text);
        }
    }

    protected Locator locator(String element) {
        return phone.profile().locator(screen, element);
    }

    protected PhoneScreen screen() { return screen; }

    /** The Appium lookup a profile locator stands for. */
    public static By by(Locator locator) {
        return switch (locator.strategy()) {
            case ID -> AppiumBy.id(locator.value());
            case ACCESSIBILITY -> AppiumBy.accessibilityId(locator.value());
            case XPATH -> AppiumBy.xpath(locator.value());
            case UIAUTOMATOR -> AppiumBy.androidUIAutomator(locator.value());
        };
    }
}
