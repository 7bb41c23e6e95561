package dialtone.simulator.phone;

import dialtone.model.profile.FirmwareVersion;
import java.time.Duration;
import java.util.Map;

/**
 * One firmware line of one model as the firmware catalogue describes it: what the phone runs
 * (Android release, Teams version), what it can do (remote provisioning, Company Portal
 * enrolment), what its screens say and which resource ids and layout they use, and how long it
 * takes for things in real time. {@link PhoneScreens} renders from it; nothing that differs
 * between lines is written in code.
 *
 * @param name                 the line's name in the catalogue, e.g. {@code 9.x}
 * @param from                 the first firmware of the line
 * @param remoteProvisioning   Settings has the Provision phone/device item
 * @param companyPortal        the phone enrols with Company Portal when the tenant requires it (firmware newer than 6.2)
 */
public record FirmwareLine(VirtualModel model, String name, FirmwareVersion from, String android, String teamsVersion,
                           boolean remoteProvisioning, boolean companyPortal, Map<String, String> ids,
                           Map<String, String> texts, Map<String, String> provisioningMessages,
                           Map<String, String> passwordMessages, SettingsLayout settingsLayout, HomeLayout homeLayout,
                           Timings timings) {

    /** How Settings lists its items. */
    public enum SettingsLayout { GRID, LIST }

    /** The home screen for shared accounts: a desk phone's dial pad, or a meeting-room home. */
    public enum HomeLayout { DESK, CONFERENCE }

    /** Real-time durations of the line; {@link SimulatorTiming} scales them. */
    public record Timings(Duration boot, Duration provisioning, Duration successScreen, Duration signingIn,
                          Duration enrolmentStep, Duration tokenRefresh) {}

    public FirmwareLine {
        ids = Map.copyOf(ids);
        texts = Map.copyOf(texts);
        provisioningMessages = Map.copyOf(provisioningMessages);
        passwordMessages = Map.copyOf(passwordMessages);
    }

    /** A text of the line's screens; {@code {name}} placeholders are filled from {@code values} (name, value, ...). */
    public String text(String key, String... values) {
        return fill(required(texts, "texts", key), values);
    }

    /** A resource id of the line's screens (bare: the screen completes it with the Teams package). */
    public String id(String key) {
        return required(ids, "ids", key);
    }

    /** What the phone says when the backend refuses a verification code with {@code error}. */
    public String provisioningMessage(String error) {
        return provisioningMessages.getOrDefault(error, provisioningMessages.get("other"));
    }

    /** What the phone says when the backend refuses a password change with {@code error}. */
    public String passwordMessage(String error) {
        return passwordMessages.getOrDefault(error, passwordMessages.get("other"));
    }

    @Override
    public String toString() {
        return model.profileId() + " " + name;
    }

    private String required(Map<String, String> map, String section, String key) {
        String v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("firmware line " + this + " has no " + section + "." + key);
        }
        return v;
    }

    private static String fill(String template, String... values) {
        String out = template;
        for (int i = 0; i + 1 < values.length; i += 2) {
            out = out.replace("{" + values[i] + "}", values[i + 1] == null ? "" : values[i + 1]);
        }
        return out;
    }
}
