package dialtone.simulator.phone;

import dialtone.simulator.ui.Layout;
import dialtone.simulator.ui.UiNode;

/**
 * What each {@link PhoneState} looks like: texts, resource ids and layout of the Teams app's
 * screens, as the virtual phone shows them. Taps call back into {@link VirtualPhone}.
 * Firmware 9 and later say "Provision device" where older lines say "Provision phone".
 */
final class PhoneScreens {
    private PhoneScreens() {}

    static UiNode render(PhoneView v, VirtualPhone phone) {
        Layout screen = Layout.screen(v.model().width(), v.model().height(), VirtualPhone.TEAMS_PACKAGE);
        return switch (v.state()) {
            case BOOTING -> screen.banner("boot_logo", "Poly").caption("boot_message", "Starting…").build();
            case SIGN_IN -> signIn(screen, v, phone);
            case SETTINGS -> screen.title("settings_title", "Settings")
                    .action("navigate_up", "Navigate up", phone::back)
                    .grid("settings_list", 1, list -> list
                            .text("device_settings", "Device settings")
                            .button("provision_phone", provisionLabel(v), phone::openProvisionPhone)
                            .text("about", "About")
                            .text("report_issue", "Report an issue"))
                    .build();
            case PROVISION_CODE -> provisionCode(screen, v, phone);
            case PROVISIONING -> screen.title("provision_title", provisionLabel(v))
                    .progress("provisioning_progress")
                    .text("provisioning_message", "Provisioning your phone. This can take several seconds.")
                    .build();
            case PROVISIONING_SUCCEEDED -> screen.title("provision_title", provisionLabel(v))
                    .heading("provisioning_success", "Your phone is provisioned")
                    .text("provisioning_success_detail", "Organization: " + v.organizationName())
                    .build();
            case PROVISIONING_FAILED -> screen.title("provision_title", provisionLabel(v))
                    .heading("provisioning_error", "Couldn't provision this phone")
                    .text("provisioning_error_message", v.failureMessage())
                    .button("try_again_button", "Try again", phone::tryAgain)
                    .build();
            case REMOTE_SIGN_IN -> screen
                    .banner("remote_provisioning_lock", "Provisioning in progress")
                    .text("lock_detail", "Your admin is signing in this phone remotely. It can't be used until that finishes.")
                    .code("lock_device_code", v.deviceLoginCode() == null ? "…" : v.deviceLoginCode())
                    .build();
            case SIGNING_IN -> screen
                    .progress("signing_in_progress")
                    .text("signing_in", v.firmware().major() >= 7
                            ? "Company Portal is registering this phone, then Teams signs you in…"
                            : "Signing you in…")
                    .build();
            case HOME -> screen.title("home_screen", modeLabel(v.signInMode()))
                    .heading("signed_in_user", v.signedInUser())
                    .caption("home_organization", v.organizationName() == null ? "" : v.organizationName())
                    .build();
        };
    }

    private static UiNode signIn(Layout screen, PhoneView v, VirtualPhone phone) {
        screen.title("sign_in_title", "Microsoft Teams").action("settings_button", "Settings", phone::openSettings);
        if (v.organizationName() != null) {
            screen.banner("org_name", v.organizationName());
        }
        screen.heading("sign_in_on_the_device", "Sign in");
        if (v.deviceLoginCode() == null) {
            screen.caption("device_code_loading", "Getting a sign-in code…");
        } else if (v.deviceLoginCodeExpired()) {
            screen.text("device_code_expired", "This code has expired.")
                    .button("refresh_code", "Refresh code", phone::refreshCode);
        } else {
            screen.text("device_code_instructions", "To sign in from another device, go to " + v.verificationUri() + " and enter this code:")
                    .code("device_code", v.deviceLoginCode());
        }
        return screen.build();
    }

    private static UiNode provisionCode(Layout screen, PhoneView v, VirtualPhone phone) {
        return screen.title("provision_code_entry", provisionLabel(v))
                .action("navigate_up", "Navigate up", phone::back)
                .text("provision_instructions", "Enter the verification code from your admin")
                .input("verification_code", "Verification code", v.codeEntry(), phone::typeCode)
                .grid("dial_pad", 3, pad -> {
                    for (String k : new String[] {"1", "2", "3", "4", "5", "6", "7", "8", "9"}) {
                        pad.key("dial_pad_key_" + k, k, () -> phone.dial(k.charAt(0)));
                    }
                    pad.key("dial_pad_delete", "⌫", phone::deleteDigit)
                            .key("dial_pad_key_0", "0", () -> phone.dial('0'))
                            .key("next_button", "Next", phone::submitCode);
                })
                .build();
    }

    private static String provisionLabel(PhoneView v) {
        return v.firmware().major() >= 9 ? "Provision device" : "Provision phone";
    }

    private static String modeLabel(String signInMode) {
        return switch (signInMode == null ? "" : signInMode) {
            case "commonArea" -> "Common Area Phone";
            case "conference" -> "Meeting room";
            default -> "Teams";
        };
    }
}
