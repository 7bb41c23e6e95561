package dialtone.simulator.phone;

import dialtone.simulator.ui.Layout;
import dialtone.simulator.ui.UiNode;
import java.util.function.Consumer;

/**
 * What each {@link PhoneState} looks like. Every text, every resource id that differs between
 * firmware lines and every layout choice comes from the phone's {@link FirmwareLine} (the firmware
 * catalogue); what is written here is what all lines share. Taps call back into {@link VirtualPhone}.
 */
final class PhoneScreens {
    private PhoneScreens() {}

    static UiNode render(PhoneView v, VirtualPhone phone) {
        FirmwareLine l = v.line();
        Layout screen = Layout.screen(v.model().width(), v.model().height(), VirtualPhone.TEAMS_PACKAGE);
        return switch (v.state()) {
            case BOOTING -> screen.banner("boot_logo", l.text("bootLogo")).caption("boot_message", l.text("booting")).build();
            case SIGN_IN -> signIn(screen, v, phone);
            case SETTINGS -> settings(screen, v, phone);
            case PROVISION_CODE -> provisionCode(screen, v, phone);
            case PROVISIONING -> screen.title(l.id("provisionTitle"), l.text("provisionItem"))
                    .progress("provisioning_progress")
                    .text("provisioning_message", l.text("provisioning"))
                    .build();
            case PROVISIONING_SUCCEEDED -> screen.title(l.id("provisionTitle"), l.text("provisionItem"))
                    .heading(l.id("provisioningSuccess"), l.text("provisioningSuccess"))
                    .text("provisioning_success_detail", l.text("provisioningSuccessDetail", "organization", v.organizationName()))
                    .build();
            case PROVISIONING_FAILED -> screen.title(l.id("provisionTitle"), l.text("provisionItem"))
                    .heading("provisioning_error", l.text("provisioningFailed"))
                    .text("provisioning_error_message", provisioningMessage(v))
                    .button("try_again_button", l.text("tryAgain"), phone::tryAgain)
                    .build();
            case REMOTE_SIGN_IN -> screen
                    .banner("remote_provisioning_lock", l.text("lockBanner"))
                    .text("lock_detail", l.text("lockDetail"))
                    .code("lock_device_code", v.deviceLoginCode() == null ? "…" : v.deviceLoginCode())
                    .build();
            case COMPANY_PORTAL -> companyPortal(v);
            case SIGNING_IN -> screen.progress("signing_in_progress").text("signing_in", l.text("signingIn")).build();
            case HOME -> home(screen, v, phone);
            case SIGN_OUT_CONFIRM -> screen.heading("sign_out_title", l.text("signOutTitle"))
                    .text("sign_out_detail", l.text("signOutDetail"))
                    .row(r -> r.secondaryButton("sign_out_cancel", l.text("cancel"), phone::back)
                            .button("sign_out_confirm", l.text("signOutConfirm"), phone::confirmSignOut))
                    .build();
            case PASSWORD_EXPIRED -> passwordExpired(screen, v, phone);
            case POWERED_OFF -> Layout.screen(v.model().width(), v.model().height(), "android").build();
        };
    }

    /**
     * Android's own dialog over whatever the app shows ("isn't responding", "keeps stopping"): package
     * android, none of Teams' screens to be found, its buttons do nothing here.
     */
    static UiNode systemDialog(VirtualModel model, String title) {
        return Layout.screen(model.width(), model.height(), "android")
                .heading("alertTitle", title)
                .row(r -> r.secondaryButton("aerr_close", "Close app", () -> { }).button("aerr_wait", "Wait", () -> { }))
                .build();
    }

    /** The launcher, after the Teams app was force-stopped and before it is started again. */
    static UiNode launcher(VirtualModel model) {
        return Layout.screen(model.width(), model.height(), "com.android.launcher3").title("Home").build();
    }

    /** The message for a refused verification code: the line's text for the backend's error code, and the attempts left. */
    static String provisioningMessage(PhoneView v) {
        String message = v.line().provisioningMessage(v.provisioningError() == null ? "other" : v.provisioningError());
        return v.attemptsLeft() == null ? message : message + " " + v.line().text("attemptsLeft", "n", Integer.toString(v.attemptsLeft()));
    }

    private static UiNode signIn(Layout screen, PhoneView v, VirtualPhone phone) {
        FirmwareLine l = v.line();
        screen.title("sign_in_title", l.text("signInTitle")).action("settings_button", l.text("settings"), phone::openSettings);
        if (v.organizationName() != null) {
            screen.banner("org_name", v.organizationName());
        }
        screen.heading("sign_in_on_the_device", l.text("signInHeading"));
        if (v.deviceLoginCode() == null) {
            screen.caption("device_code_loading", l.text("deviceCodeLoading"));
        } else if (v.deviceLoginCodeExpired()) {
            screen.text("device_code_expired", l.text("deviceCodeExpired"))
                    .button("refresh_code", l.text("refreshCode"), phone::refreshCode);
        } else {
            screen.text("device_code_instructions", l.text("deviceCodeInstructions", "uri", v.verificationUri()))
                    .code("device_code", v.deviceLoginCode());
        }
        return screen.build();
    }

    private static UiNode settings(Layout screen, PhoneView v, VirtualPhone phone) {
        FirmwareLine l = v.line();
        Consumer<Layout.Cells> items = list -> {
            item(list, l, "device_settings", l.text("deviceSettings"), null);
            if (v.signedIn()) {
                item(list, l, l.id("signOutItem"), l.text("signOutItem"), phone::openSignOut);
            } else if (l.remoteProvisioning()) {
                item(list, l, l.id("provisionItem"), l.text("provisionItem"), phone::openProvisionPhone);
            }
            item(list, l, "about", l.text("about"), null);
            item(list, l, "report_issue", l.text("reportIssue"), null);
        };
        screen.title("settings_title", l.text("settingsTitle")).action("navigate_up", "Navigate up", phone::back);
        return switch (l.settingsLayout()) {
            case GRID -> screen.grid(l.id("settingsList"), 1, items).build();
            case LIST -> screen.list(l.id("settingsList"), items).build();
        };
    }

    private static void item(Layout.Cells list, FirmwareLine l, String id, String text, Runnable onClick) {
        switch (l.settingsLayout()) {
            case GRID -> {
                if (onClick == null) list.text(id, text); else list.button(id, text, onClick);
            }
            case LIST -> list.listItem(id, text, onClick);
        }
    }

    private static UiNode provisionCode(Layout screen, PhoneView v, VirtualPhone phone) {
        FirmwareLine l = v.line();
        return screen.title("provision_code_entry", l.text("provisionItem"))
                .action("navigate_up", "Navigate up", phone::back)
                .text("provision_instructions", l.text("provisionInstructions"))
                .input("verification_code", l.text("verificationCodeHint"), v.codeEntry(), phone::typeCode)
                .grid("dial_pad", 3, pad -> {
                    for (String k : new String[] {"1", "2", "3", "4", "5", "6", "7", "8", "9"}) {
                        pad.key("dial_pad_key_" + k, k, () -> phone.dial(k.charAt(0)));
                    }
                    pad.key("dial_pad_delete", "⌫", phone::deleteDigit)
                            .key("dial_pad_key_0", "0", () -> phone.dial('0'))
                            .key("next_button", l.text("next"), phone::submitCode);
                })
                .build();
    }

    /** Company Portal is its own app: its screens carry its package. */
    private static UiNode companyPortal(PhoneView v) {
        FirmwareLine l = v.line();
        Layout screen = Layout.screen(v.model().width(), v.model().height(), VirtualPhone.COMPANY_PORTAL_PACKAGE)
                .title("company_portal_title", l.text("companyPortalTitle"))
                .progress("enrolment_progress");
        return (v.enrolmentStep() == PhoneView.EnrolmentStep.REGISTERING
                ? screen.text("registering_message", l.text("registering"))
                : screen.text("verifying_message", l.text("verifying"))).build();
    }

    private static UiNode home(Layout screen, PhoneView v, VirtualPhone phone) {
        FirmwareLine l = v.line();
        String organization = v.organizationName() == null ? "" : v.organizationName();
        return switch (HomeVariant.of(v.signInMode(), l)) {
            case COMMON_AREA -> screen.title("cap_home", l.text("commonAreaTitle"))
                    .action("more_options", l.text("moreOptions"), phone::openSettings)
                    .heading("signed_in_user", v.signedInUser())
                    .caption("home_organization", organization)
                    .dialPad("home_dial_", key -> { })
                    .button("call_button", l.text("call"), () -> { })
                    .build();
            case USER -> screen.title("user_home", l.text("userTitle"))
                    .action("more_options", l.text("moreOptions"), phone::openSettings)
                    .heading("signed_in_user", v.signedInUser())
                    .caption("home_organization", organization)
                    .row(tabs -> tabs.button("tab_calls", l.text("tabCalls"), () -> { })
                            .button("tab_calendar", l.text("tabCalendar"), () -> { })
                            .button("tab_voicemail", l.text("tabVoicemail"), () -> { })
                            .button("tab_people", l.text("tabPeople"), () -> { }))
                    .build();
            case MEETING_ROOM -> screen.title("meeting_room_home", l.text("meetingRoomTitle"))
                    .action("more_options", l.text("moreOptions"), phone::openSettings)
                    .heading("signed_in_user", v.signedInUser())
                    .caption("home_organization", organization)
                    .grid("meeting_tiles", 2, tiles -> tiles.key("tile_join", l.text("tileJoin"), () -> { })
                            .key("tile_meet_now", l.text("tileMeetNow"), () -> { })
                            .key("tile_dial", l.text("tileDial"), () -> { }))
                    .build();
        };
    }

    /** Which home a signed-in account gets: by its sign-in mode, and for shared accounts by the line's home layout. */
    enum HomeVariant {
        COMMON_AREA, USER, MEETING_ROOM;

        static HomeVariant of(String signInMode, FirmwareLine line) {
            return switch (signInMode == null ? "" : signInMode) {
                case "commonArea" -> line.homeLayout() == FirmwareLine.HomeLayout.CONFERENCE ? MEETING_ROOM : COMMON_AREA;
                case "conference" -> MEETING_ROOM;
                default -> USER;
            };
        }
    }

    private static UiNode passwordExpired(Layout screen, PhoneView v, VirtualPhone phone) {
        FirmwareLine l = v.line();
        PasswordPrompt p = v.passwordPrompt();
        screen.title("password_expired_title", l.text("passwordExpiredTitle"))
                .text("password_expired_detail", l.text("passwordExpiredDetail", "upn", p.upn()))
                .password("current_password", l.text("currentPasswordHint"), p.currentPassword(), phone::typeCurrentPassword)
                .password("new_password", l.text("newPasswordHint"), p.newPassword(), phone::typeNewPassword);
        if (p.error() != null) {
            screen.text("password_error", l.passwordMessage(p.error()));
        }
        if (p.busy()) {
            screen.progress("password_progress");
        }
        return screen.button("update_password_button", l.text("update"), phone::updatePassword).build();
    }
}
