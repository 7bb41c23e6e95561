package dialtone.simulator.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dialtone.model.Mac;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.profile.PhoneScreen;
import dialtone.model.rack.AdbAddress;
import dialtone.model.rack.TimeScale;
import dialtone.simulator.ui.Locator;
import dialtone.simulator.ui.UiSnapshot;
import dialtone.simulator.ui.UiTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The device profiles against every firmware line the catalogue has for their model: each locator
 * finds its element on the screen where the flow looks for it, on every line, and no screen's
 * marker shows on another screen. A profile that only knows one line's wording or ids fails here.
 */
class ProfileLocatorsTest {
    private static final DeviceProfiles PROFILES = DeviceProfiles.loadDirectory(Path.of("../../device-profiles"));
    private static final OkHttpClient HTTP = new OkHttpClient();

    @Test
    void everyLocatorOfEveryProfileFindsItsElementOnEveryLineOfItsModel() {
        SoftAssertions soft = new SoftAssertions();
        for (DeviceProfile profile : PROFILES.all()) {
            for (FirmwareLine line : FirmwareCatalogue.shipped().lines(profile.id())) {
                Map<String, UiTree> screens = screens(line);
                for (Map.Entry<PhoneScreen, List<String>> e : expectations(line).entrySet()) {
                    PhoneScreen screen = e.getKey();
                    for (String spec : e.getValue()) {
                        String element = spec.substring(0, spec.indexOf('@'));
                        String where = spec.substring(spec.indexOf('@') + 1);
                        dialtone.model.profile.Locator locator = profile.locator(screen, element);
                        if (element.equals("dialPadKey")) {
                            for (char d = '0'; d <= '9'; d++) {
                                soft.assertThat(find(screens.get(where), locator.with("digit", Character.toString(d))))
                                        .as(line + ": " + profile.id() + " " + screen.key() + "." + element + " " + d + " on " + where).isNotEmpty();
                            }
                        } else {
                            soft.assertThat(find(screens.get(where), locator))
                                    .as(line + ": " + profile.id() + " " + screen.key() + "." + element + " (" + locator + ") on " + where)
                                    .isNotEmpty();
                        }
                    }
                }
                // a marker must not show anywhere else, or the harness would think it is on the wrong screen
                Map<String, dialtone.model.profile.Locator> markers = new LinkedHashMap<>();
                markers.put("signIn", profile.locator(PhoneScreen.SIGN_IN, "marker"));
                markers.put("settings", profile.locator(PhoneScreen.SETTINGS, "marker"));
                markers.put("provisionCode", profile.locator(PhoneScreen.PROVISION_CODE, "marker"));
                markers.put("lock", profile.locator(PhoneScreen.LOCK, "marker"));
                markers.put("companyPortal", profile.locator(PhoneScreen.COMPANY_PORTAL, "marker"));
                markers.put("home", profile.locator(PhoneScreen.HOME, "marker"));
                markers.put("signOutConfirm", profile.locator(PhoneScreen.SIGN_OUT_CONFIRM, "marker"));
                markers.put("passwordExpired", profile.locator(PhoneScreen.PASSWORD_EXPIRED, "marker"));
                markers.put("success", profile.locator(PhoneScreen.PROVISIONING_RESULT, "success"));
                markers.put("failure", profile.locator(PhoneScreen.PROVISIONING_RESULT, "failure"));
                for (Map.Entry<String, UiTree> s : screens.entrySet()) {
                    for (Map.Entry<String, dialtone.model.profile.Locator> m : markers.entrySet()) {
                        boolean own = s.getKey().startsWith(m.getKey()) || (m.getKey().equals("home") && s.getKey().startsWith("home"));
                        if (!own) {
                            soft.assertThat(find(s.getValue(), m.getValue()))
                                    .as(line + ": " + profile.id() + " marker of " + m.getKey() + " shows on " + s.getKey()).isEmpty();
                        }
                    }
                }
                // each account kind's home is told apart
                soft.assertThat(find(screens.get("homeUser"), profile.locator(PhoneScreen.HOME, "commonAreaHome")))
                        .as(line + ": " + profile.id() + " commonAreaHome on a user's home").isEmpty();
                soft.assertThat(find(screens.get("homeCommonArea"), profile.locator(PhoneScreen.HOME, "userHome")))
                        .as(line + ": " + profile.id() + " userHome on a Common Area Phone's home").isEmpty();
            }
        }
        soft.assertAll();
    }

    @Test
    void aLocatorThatKnowsOnlyOneLineIsCaught() {
        FirmwareLine seven = FirmwareCatalogue.shipped().line("poly-ccx500", dialtone.model.profile.FirmwareVersion.parse("7.2.1.1707"));
        FirmwareLine nine = FirmwareCatalogue.shipped().line("poly-ccx500", dialtone.model.profile.FirmwareVersion.parse("9.0.0.10315"));
        dialtone.model.profile.Locator oldStyle = dialtone.model.profile.Locator.parse(
                "xpath://*[@resource-id='com.microsoft.skype.teams.ipphone:id/settings_list']//*[@text='Provision phone']");
        assertThat(find(screens(seven).get("settings"), oldStyle)).isNotEmpty();
        assertThat(find(screens(nine).get("settings"), oldStyle)).as("9.x: other id, other wording").isEmpty();
    }

    /** Element@screen, per profile screen: where the flow looks for each element. */
    private static Map<PhoneScreen, List<String>> expectations(FirmwareLine line) {
        Map<PhoneScreen, List<String>> m = new LinkedHashMap<>();
        m.put(PhoneScreen.SIGN_IN, List.of("marker@signIn", "settingsButton@signIn", "deviceLoginCode@signIn", "organizationName@signIn",
                "deviceCodeExpired@signInExpired", "refreshCode@signInExpired"));
        List<String> settings = new ArrayList<>(List.of("marker@settings", "signOut@settingsSignedIn"));
        if (line.remoteProvisioning()) settings.add("provisionPhone@settings");
        m.put(PhoneScreen.SETTINGS, settings);
        if (line.remoteProvisioning()) {
            m.put(PhoneScreen.PROVISION_CODE, List.of("marker@provisionCode", "codeField@provisionCode", "dialPadKey@provisionCode", "nextButton@provisionCode"));
            m.put(PhoneScreen.PROVISIONING_RESULT, List.of("success@success", "failure@failure", "failureMessage@failure", "tryAgain@failure"));
        }
        m.put(PhoneScreen.LOCK, List.of("marker@lock", "deviceLoginCode@lock"));
        if (line.companyPortal()) {
            m.put(PhoneScreen.COMPANY_PORTAL, List.of("marker@companyPortalVerifying", "verifying@companyPortalVerifying",
                    "marker@companyPortalRegistering", "registering@companyPortalRegistering"));
        }
        m.put(PhoneScreen.HOME, List.of("marker@homeCommonArea", "marker@homeUser", "marker@homeConference",
                "signedInUser@homeCommonArea", "signedInUser@homeUser", "signedInUser@homeConference",
                "menu@homeCommonArea", "menu@homeUser", "menu@homeConference",
                "commonAreaHome@homeCommonArea", "userHome@homeUser", "conferenceHome@homeConference"));
        m.put(PhoneScreen.SIGN_OUT_CONFIRM, List.of("marker@signOutConfirm", "confirmButton@signOutConfirm", "cancelButton@signOutConfirm"));
        m.put(PhoneScreen.PASSWORD_EXPIRED, List.of("marker@passwordExpired", "currentPassword@passwordExpired", "newPassword@passwordExpired",
                "updateButton@passwordExpired", "message@passwordExpiredRefused"));
        return m;
    }

    /** Every screen of the line, as a phone of that line draws it. */
    static Map<String, UiTree> screens(FirmwareLine line) {
        VirtualPhone phone = new VirtualPhone("t", new AdbAddress("127.0.0.1", 1), Mac.parse("64:16:7F:00:00:01"), line.from(), line,
                "http://127.0.0.1:1", SimulatorTiming.of(line, new TimeScale(1)), null, HTTP, p -> { });
        String org = "Contoso Ltd";
        Map<String, PhoneView> views = new LinkedHashMap<>();
        views.put("signIn", view(line, PhoneState.SIGN_IN, org, "EV9PGNQN8", false, null, null, null, null));
        views.put("signInExpired", view(line, PhoneState.SIGN_IN, org, "EV9PGNQN8", true, null, null, null, null));
        views.put("settings", view(line, PhoneState.SETTINGS, org, null, false, null, null, null, null));
        views.put("settingsSignedIn", view(line, PhoneState.SETTINGS, org, null, false, "Lobby Phone", "commonArea", null, null));
        views.put("provisionCode", view(line, PhoneState.PROVISION_CODE, null, null, false, null, null, null, null));
        views.put("success", view(line, PhoneState.PROVISIONING_SUCCEEDED, org, null, false, null, null, null, null));
        views.put("failure", new PhoneView(PhoneState.PROVISIONING_FAILED, line, null, "123456", "invalid_code", 4, null, false, null, null, null, null, null));
        views.put("lock", view(line, PhoneState.REMOTE_SIGN_IN, org, "EV9PGNQN8", false, null, null, null, null));
        views.put("companyPortalVerifying", view(line, PhoneState.COMPANY_PORTAL, org, null, false, null, null, PhoneView.EnrolmentStep.VERIFYING, null));
        views.put("companyPortalRegistering", view(line, PhoneState.COMPANY_PORTAL, org, null, false, null, null, PhoneView.EnrolmentStep.REGISTERING, null));
        views.put("homeCommonArea", view(line, PhoneState.HOME, org, null, false, "Lobby Phone", "commonArea", null, null));
        views.put("homeUser", view(line, PhoneState.HOME, org, null, false, "Adele Vance", "personal", null, null));
        views.put("homeConference", view(line, PhoneState.HOME, org, null, false, "Room 4", "conference", null, null));
        views.put("signOutConfirm", view(line, PhoneState.SIGN_OUT_CONFIRM, org, null, false, "Lobby Phone", "commonArea", null, null));
        PasswordPrompt prompt = PasswordPrompt.forAccount("lobby-phone@contoso.example");
        views.put("passwordExpired", view(line, PhoneState.PASSWORD_EXPIRED, org, null, false, "Lobby Phone", "commonArea", null, prompt));
        views.put("passwordExpiredRefused", view(line, PhoneState.PASSWORD_EXPIRED, org, null, false, "Lobby Phone", "commonArea", null,
                prompt.refused("invalid_password")));
        Map<String, UiTree> out = new LinkedHashMap<>();
        views.forEach((k, v) -> out.put(k, UiTree.of(new UiSnapshot(PhoneScreens.render(v, phone), line.model().width(), line.model().height(), 1))));
        return out;
    }

    static PhoneView view(FirmwareLine line, PhoneState state, String org, String code, boolean expired, String user, String mode,
                          PhoneView.EnrolmentStep step, PasswordPrompt prompt) {
        return new PhoneView(state, line, org, "", null, null, code, expired, code == null ? null : "https://microsoft.com/devicelogin",
                user, mode, step, prompt);
    }

    static List<Integer> find(UiTree tree, dialtone.model.profile.Locator l) {
        Locator locator = switch (l.strategy()) {
            case ID -> Locator.id(l.value());
            case ACCESSIBILITY -> Locator.accessibilityId(l.value());
            case XPATH -> Locator.xpath(l.value());
            case UIAUTOMATOR -> Locator.uiAutomator(l.value());
        };
        return tree.findAll(locator, -1, null);
    }
}
