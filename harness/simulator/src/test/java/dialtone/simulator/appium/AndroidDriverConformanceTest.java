package dialtone.simulator.appium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.InvalidElementStateException;
import org.openqa.selenium.InvalidSelectorException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.Pause;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Appium/UiAutomator2 conformance through the real appium-java-client: each point of the virtual
 * phones' Appium contract (docs/virtual-rack.md, "Appium conformance") as a client sees it.
 */
class AndroidDriverConformanceTest {

    private static final String UDID = "127.0.0.1:5555";

    private FakePhone phone;
    private AppiumServer server;
    private URL url;
    private AndroidDriver driver;

    @BeforeEach
    void start() throws Exception {
        phone = new FakePhone(UDID);
        server = AppiumServer.start("127.0.0.1", 0, udid -> udid.equals(UDID) ? Optional.of(phone) : Optional.empty());
        url = new URL(server.url());
        driver = new AndroidDriver(url, new UiAutomator2Options().setUdid(UDID));
    }

    @AfterEach
    void stop() {
        try {
            quitQuietly(driver);
        } finally {
            server.close();
        }
    }

    private static void quitQuietly(AndroidDriver d) {
        if (d != null) {
            try {
                d.quit();
            } catch (WebDriverException ignored) {
                // the test ended the session already
            }
        }
    }

    // ---- one session per phone, newCommandTimeout ---------------------------------------------

    @Test
    void aSecondSessionOnABusyPhoneIsSessionNotCreatedUntilTheFirstQuits() throws Exception {
        assertThatThrownBy(() -> new AndroidDriver(url, new UiAutomator2Options().setUdid(UDID)))
                .isInstanceOf(SessionNotCreatedException.class)
                .hasMessageContaining(UDID).hasMessageContaining("busy with another session");
        assertThat(driver.findElement(AppiumBy.id("next")).getText()).as("the first session is untouched").isEqualTo("Next");

        driver.quit();
        driver = new AndroidDriver(url, new UiAutomator2Options().setUdid(UDID));
        assertThat(driver.findElement(AppiumBy.id("next")).getText()).isEqualTo("Next");
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void anIdleSessionEndsAfterItsNewCommandTimeoutAndFreesThePhone() throws Exception {
        driver.quit();
        driver = new AndroidDriver(url, new UiAutomator2Options().setUdid(UDID).setNewCommandTimeout(Duration.ofSeconds(1)));
        assertThat(driver.getCapabilities().getCapability("appium:newCommandTimeout")).isEqualTo(1L);

        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessionCount() == 0);
        assertThatThrownBy(driver::getPageSource).isInstanceOf(NoSuchSessionException.class);

        driver = new AndroidDriver(url, new UiAutomator2Options().setUdid(UDID));
        assertThat(driver.getPageSource()).contains("<hierarchy");
        assertThat(driver.getCapabilities().getCapability("appium:newCommandTimeout")).as("Appium's default").isEqualTo(60L);
    }

    @Test
    void aCommandLongerThanTheNewCommandTimeoutDoesNotEndItsSession() throws Exception {
        driver.quit();
        driver = new AndroidDriver(url, new UiAutomator2Options().setUdid(UDID).setNewCommandTimeout(Duration.ofSeconds(1)));
        driver.manage().timeouts().implicitlyWait(Duration.ofMillis(1600));
        assertThat(driver.findElements(AppiumBy.id("never"))).isEmpty();
        assertThat(driver.findElement(AppiumBy.id("next")).getText()).isEqualTo("Next");
    }

    // ---- errors, as the client's exceptions -----------------------------------------------------

    @Test
    void disabledOrHiddenElementsAndNonInputsAreNotInteractable() {
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("sso")).click())
                .isInstanceOf(ElementNotInteractableException.class).hasMessageContaining("disabled");
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("help")).click())
                .isInstanceOf(ElementNotInteractableException.class).hasMessageContaining("not displayed");
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("next")).sendKeys("abc"))
                .isInstanceOf(ElementNotInteractableException.class).hasMessageContaining("not a text field");
        assertThat(phone.screenName()).isEqualTo("signin");
    }

    @Test
    void clearingSomethingNotEditableIsAnInvalidElementState() {
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("org_name")).clear())
                .isInstanceOf(InvalidElementStateException.class).hasMessageContaining("not an editable text field");
    }

    @Test
    void aFrozenUiAnswersTimeoutWithinTheSessionsBudget() throws Exception {
        driver.quit();
        driver = new AndroidDriver(url, new UiAutomator2Options().setUdid(UDID)
                .amend("appium:uiautomator2ServerReadTimeout", 300));
        WebElement next = driver.findElement(AppiumBy.id("next"));
        phone.freeze(true);
        long start = System.nanoTime();
        assertThatThrownBy(() -> driver.findElement(AppiumBy.id("next"))).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(next::click).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(driver::getPageSource).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> driver.executeScript("mobile: pressKey", Map.of("keycode", 4))).isInstanceOf(TimeoutException.class);
        assertThat(phone.keys).isEmpty();

        phone.freeze(false);
        next.click();
        assertThat(phone.screenName()).isEqualTo("provision");
    }

    @Test
    void aFailureInsideThePhoneIsAnUnknownErrorWithoutItsMessage() {
        assertThatThrownBy(() -> driver.executeScript("mobile: shell", Map.of("command", "explode")))
                .isInstanceOf(WebDriverException.class)
                .hasMessageContaining("unknown server-side error")
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining(FakePhone.SECRET);
        assertThat(driver.findElement(AppiumBy.id("next")).getText()).as("the session survives").isEqualTo("Next");
    }

    // ---- -android uiautomator ------------------------------------------------------------------

    private String idOf(String uiSelector) {
        return driver.findElement(AppiumBy.androidUIAutomator(uiSelector)).getAttribute("resource-id")
                .replace(FakePhone.PKG + ":id/", "");
    }

    @Test
    void uiSelectorAttributesInstanceIndexAndChildren() {
        assertThat(idOf("new UiSelector().resourceId(\"" + FakePhone.PKG + ":id/next\")")).isEqualTo("next");
        assertThat(idOf("new UiSelector().resourceIdMatches(\".*:id/nex.\")")).isEqualTo("next");
        assertThat(idOf("new UiSelector().text(\"Next\")")).isEqualTo("next");
        assertThat(idOf("new UiSelector().textContains(\"<Lab>\")")).isEqualTo("org_name");
        assertThat(idOf("new UiSelector().textStartsWith(\"Sign in with\")")).isEqualTo("sso");
        assertThat(idOf("new UiSelector().textMatches(\"N.x+t\")")).isEqualTo("next");
        assertThat(idOf("new UiSelector().description(\"Settings\")")).isEqualTo("settings");
        assertThat(idOf("new UiSelector().descriptionContains(\"etting\")")).isEqualTo("settings");
        assertThat(idOf("new UiSelector().className(\"android.widget.EditText\")")).isEqualTo("email");
        assertThat(idOf("new UiSelector().classNameMatches(\".*EditT.*\")")).isEqualTo("email");
        assertThat(idOf("new UiSelector().className(\"android.widget.Button\").enabled(false)")).isEqualTo("sso");
        assertThat(idOf("new UiSelector().className(\"android.widget.Button\").instance(1)")).isEqualTo("sso");
        assertThat(driver.findElements(AppiumBy.androidUIAutomator("new UiSelector().clickable(true).className(\"android.widget.Button\")")))
                .hasSize(3);
        assertThat(idOf("new UiSelector().resourceId(\"" + FakePhone.PKG + ":id/content\").childSelector(new UiSelector().index(0))"))
                .isEqualTo("org_name");
        assertThat(idOf("new UiScrollable(new UiSelector().scrollable(false)).scrollIntoView(new UiSelector().text(\"Next\"))"))
                .isEqualTo("next");
        assertThat(idOf("new UiScrollable(new UiSelector()).setAsVerticalList().scrollTextIntoView(\"Next\");")).isEqualTo("next");
        assertThat(driver.findElements(AppiumBy.androidUIAutomator("new UiSelector().text(\"nothing\")"))).isEmpty();
    }

    @Test
    void aMalformedUiSelectorIsAnInvalidSelectorNamingThePosition() {
        assertThatThrownBy(() -> driver.findElement(AppiumBy.androidUIAutomator("new UiSelector().text(\"Next\"")))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("position 28").hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> driver.findElement(AppiumBy.androidUIAutomator("new UiSelector().fly(1)")))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("'fly' is not supported");
    }

    // ---- timeouts -------------------------------------------------------------------------------

    @Test
    void timeoutsAreSetReadBackAndTheImplicitWaitIsHonouredByFindElements() {
        driver.manage().timeouts().implicitlyWait(Duration.ofMillis(500)).pageLoadTimeout(Duration.ofSeconds(7))
                .scriptTimeout(Duration.ofSeconds(3));
        assertThat(driver.manage().timeouts().getImplicitWaitTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(driver.manage().timeouts().getPageLoadTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(driver.manage().timeouts().getScriptTimeout()).isEqualTo(Duration.ofSeconds(3));
        long start = System.nanoTime();
        assertThat(driver.findElements(AppiumBy.id("never"))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    // ---- W3C actions ----------------------------------------------------------------------------

    private void tap(PointerInput.Kind kind, PointerInput.Origin origin, int x, int y, Duration hold) {
        PointerInput finger = new PointerInput(kind, "finger");
        Sequence tap = new Sequence(finger, 1)
                .addAction(finger.createPointerMove(Duration.ZERO, origin, x, y))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(new Pause(finger, hold))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(tap));
    }

    private void tapCentreOf(WebElement e, PointerInput.Kind kind) {
        Rectangle r = e.getRect();
        tap(kind, PointerInput.Origin.viewport(), r.getX() + r.getWidth() / 2, r.getY() + r.getHeight() / 2, Duration.ofMillis(50));
    }

    @Test
    void aTouchTapPressesTheDialPadKeyUnderTheFinger() {
        phone.show("provision");
        tapCentreOf(driver.findElement(AppiumBy.accessibilityId("5")), PointerInput.Kind.TOUCH);
        tapCentreOf(driver.findElement(AppiumBy.accessibilityId("0")), PointerInput.Kind.MOUSE);
        WebElement one = driver.findElement(AppiumBy.accessibilityId("1"));
        tap(PointerInput.Kind.TOUCH, PointerInput.Origin.fromElement(one), 3, -2, Duration.ofMillis(10)); // offset from its centre
        tap(PointerInput.Kind.TOUCH, PointerInput.Origin.fromElement(driver.findElement(AppiumBy.accessibilityId("9"))), 0, 0,
                Duration.ofMillis(600)); // a long press is a tap too
        assertThat(driver.findElement(AppiumBy.id("code")).getText()).isEqualTo("5019");
    }

    @Test
    void aTapOnAButtonSwitchesTheScreenAndATapOnEmptySpaceDoesNothing() {
        WebElement orgName = driver.findElement(AppiumBy.id("org_name"));
        tapCentreOf(orgName, PointerInput.Kind.TOUCH);
        assertThat(orgName.getText()).as("the screen did not change").startsWith("Contoso");
        tapCentreOf(driver.findElement(AppiumBy.id("sso")), PointerInput.Kind.TOUCH); // disabled: nothing
        assertThat(phone.screenName()).isEqualTo("signin");

        tapCentreOf(driver.findElement(AppiumBy.id("next")), PointerInput.Kind.TOUCH);
        assertThat(phone.screenName()).isEqualTo("provision");
        assertThatThrownBy(orgName::getText).isInstanceOf(StaleElementReferenceException.class);
    }

    @Test
    void aSwipeIsNotATap() {
        Rectangle r = driver.findElement(AppiumBy.id("next")).getRect();
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        driver.perform(List.of(new Sequence(finger, 1)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), r.getX() + 5, r.getY() + 5))
                .addAction(finger.createPointerDown(0))
                .addAction(finger.createPointerMove(Duration.ofMillis(100), PointerInput.Origin.viewport(), r.getX() + 5, 5))
                .addAction(finger.createPointerUp(0))));
        assertThat(phone.screenName()).isEqualTo("signin");
    }

    @Test
    void keyActionsPressDigitsAsAndroidKeyEvents() {
        new Actions(driver).sendKeys("42").perform();
        assertThat(phone.keys).containsExactly(11, 9); // KEYCODE_4, KEYCODE_2
        driver.resetInputState();
    }

    // ---- keys, window, page source vs XPath, stale ----------------------------------------------

    @Test
    void mobilePressKeySendsTheAndroidKeycode() {
        driver.findElement(AppiumBy.id("next")).click();
        driver.executeScript("mobile: pressKey", Map.of("keycode", 4));
        assertThat(phone.keys).containsExactly(4);
        assertThat(phone.screenName()).isEqualTo("signin");
    }

    @Test
    void windowRectIsTheWholeDisplay() {
        assertThat(driver.manage().window().getSize()).isEqualTo(new org.openqa.selenium.Dimension(1280, 800));
        assertThat(driver.manage().window().getPosition()).isEqualTo(new org.openqa.selenium.Point(0, 0));
    }

    @Test
    void anElementFoundByXpathHasThePageSourceNodesAttributes() throws Exception {
        String xml = driver.getPageSource();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        String xpath = "//android.widget.Button | //android.widget.EditText | //*[@content-desc='Settings']";
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<WebElement> elements = driver.findElements(By.xpath(xpath));
        assertThat(elements).hasSize(nodes.getLength()).hasSizeGreaterThanOrEqualTo(5);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            NamedNodeMap attrs = node.getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                String name = attrs.item(a).getNodeName();
                if (!name.equals("index")) {
                    assertThat(elements.get(i).getAttribute(name)).as("%s of %s", name, node.getAttribute("resource-id"))
                            .isEqualTo(attrs.item(a).getNodeValue());
                }
            }
            assertThat(elements.get(i).getTagName()).isEqualTo(node.getTagName());
        }
    }

    @Test
    void elementsGoStaleWhenTheScreenChanges() {
        WebElement content = driver.findElement(AppiumBy.id("content"));
        WebElement email = driver.findElement(AppiumBy.id("email"));
        email.sendKeys("a@contoso.com"); // typing changes the screen too
        assertThatThrownBy(email::getText).isInstanceOf(StaleElementReferenceException.class);
        assertThatThrownBy(() -> content.findElement(AppiumBy.id("next"))).isInstanceOf(StaleElementReferenceException.class);
        assertThat(driver.findElement(AppiumBy.id("email")).getText()).isEqualTo("a@contoso.com");
    }
}
