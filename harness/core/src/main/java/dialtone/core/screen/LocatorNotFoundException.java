package dialtone.core.screen;

import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.Locator;
import dialtone.model.profile.PhoneScreen;
import java.time.Duration;

/**
 * An element a profile locates was not on the phone within its budget: either the phone is not on
 * the expected screen, or the profile's locator is wrong for this firmware.
 */
public class LocatorNotFoundException extends RuntimeException {
    private final String profileId;
    private final PhoneScreen screen;
    private final String element;
    private final Locator locator;

    public LocatorNotFoundException(DeviceProfile profile, PhoneScreen screen, String element, Locator locator, Duration budget) {
        super("profile " + profile.id() + " (" + profile.source() + "): screen " + screen.key() + ", locator " + element
                + " = " + locator + ": no such element within " + budget.toMillis() / 1000.0 + " s");
        this.profileId = profile.id();
        this.screen = screen;
        this.element = element;
        this.locator = locator;
    }

    public String profileId() { return profileId; }

    public PhoneScreen screen() { return screen; }

    public String element() { return element; }

    public Locator locator() { return locator; }
}
