package dialtone.core.screen;

import dialtone.core.phone.Phone;
import dialtone.model.profile.PhoneScreen;
import java.util.Optional;

/** The Teams sign-in screen: device login code, gear icon, and the org name once provisioned. */
public final class SignInScreen extends Screen<SignInScreen> {
    public SignInScreen(Phone phone) {
        super(phone, PhoneScreen.SIGN_IN);
    }

    @Override
    protected String markerElement() { return "marker"; }

    /** The organization name the phone shows, empty before it is provisioned. */
    public Optional<String> organizationName() {
        awaitShown();
        return isShowing("organizationName") ? Optional.of(text("organizationName")) : Optional.empty();
    }

    /** Whether the sign-in screen shows an organization name now (the phone is provisioned), without waiting. */
    public boolean showsOrganizationName() {
        return isShowing("organizationName");
    }

    /** Waits until the phone shows an organization name and returns it. */
    public String awaitOrganizationName() {
        return text("organizationName");
    }

    /** Whether a device login code shows now (the phone got one from the service), without waiting. */
    public boolean showsDeviceLoginCode() {
        return isShowing("deviceLoginCode") && !text("deviceLoginCode").isBlank();
    }

    public String deviceLoginCode() {
        return text("deviceLoginCode");
    }

    /** Waits (within {@code budget}) until the phone says its device login code expired. */
    public SignInScreen awaitCodeExpired(java.time.Duration budget) {
        element("deviceCodeExpired", budget);
        return this;
    }

    public boolean codeExpiredShowing() {
        return isShowing("deviceCodeExpired");
    }

    /** Refresh code: the phone fetches a new device login code; returns it once shown. */
    public String refreshCode() {
        tap("refreshCode");
        return phone.signInScreen().awaitFreshCode();
    }

    /** Waits until a device login code shows and no "expired" notice does; returns the code. */
    String awaitFreshCode() {
        org.awaitility.Awaitility.await(phone.id() + " sign-in screen shows a fresh device login code")
                .atMost(phone.profile().budgets().screen())
                .pollInterval(phone.profile().budgets().poll())
                .pollDelay(java.time.Duration.ZERO)
                .pollInSameThread()
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> !isShowing("deviceCodeExpired") && isShowing("deviceLoginCode")
                        && !text("deviceLoginCode").isBlank());
        return deviceLoginCode();
    }

    /** Gear icon → Settings. */
    public SettingsScreen openSettings() {
        tap("settingsButton");
        return phone.settingsScreen().awaitShown();
    }
}
