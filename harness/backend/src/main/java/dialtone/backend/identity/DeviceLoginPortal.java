package dialtone.backend.identity;

import static dialtone.backend.Html.escape;

import dialtone.backend.Directory;
import dialtone.backend.Secrets;
import dialtone.backend.store.DeviceAuthorization;
import dialtone.model.BackendClock;
import io.javalin.config.RoutesConfig;
import dialtone.model.DeviceLoginCode;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Device Login portal ({@code /devicelogin}): enter code, pick an account ("Use another
 * account"), username, password, done. Server-rendered HTML without JavaScript, with the element
 * ids of Microsoft's pages, so HtmlUnit and Chromium drive it alike. The flow between pages is a
 * hidden {@code flowToken} naming server-side state; passwords are never echoed or logged.
 */
public final class DeviceLoginPortal {
    public static final String PATH = "/devicelogin";
    static final String CODE_DIDNT_WORK = "That code didn't work. Check the code and try again.";
    static final String CODE_EXPIRED = "That code has expired. Get a new code on your device and try again.";
    static final String SESSION_LOST = "Your sign-in session has ended. Enter the code again.";
    static final String UNKNOWN_USER = "This username may be incorrect. Make sure you typed it correctly."
            + " Otherwise, contact your admin.";
    static final String WRONG_PASSWORD = "Your account or password is incorrect. If you don't remember your password,"
            + " reset it now.";
    static final String DONE = "You have signed in to the Microsoft Teams Android application on your device."
            + " You may now close this window.";
    static final String DECLINED = "You have declined to sign in to Microsoft Teams Android on the device."
            + " You may now close this window.";
    static final String TOO_MANY_CODES = "You've entered too many codes that didn't work. Try again after %s UTC.";
    static final String PASSWORD_EXPIRED = "Your password has expired. It can only be changed on the device:"
            + " sign in there with the current password to choose a new one.";
    static final String MFA_NOT_SUPPORTED = "Multi-factor authentication is not supported on shared devices."
            + " Use a shared account that does not require MFA.";
    static final String SHARED_DEVICES_ONLY = "Remote sign-in is for shared devices only. %s is a personal account:"
            + " use a common area or conference room account, or sign in on the device itself.";
    /** Wrong user codes allowed per client address within {@link #CODE_WINDOW}. */
    static final int MAX_WRONG_CODES = 5;
    static final Duration CODE_WINDOW = Duration.ofMinutes(15);
    /** Wrong passwords allowed per account within {@link #CODE_WINDOW} (Entra's smart lockout). */
    static final int MAX_WRONG_PASSWORDS = 10;
    static final String ACCOUNT_LOCKED = "Your account is temporarily locked to prevent unauthorized use."
            + " Try again after %s UTC.";
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private enum Stage { PICK_ACCOUNT, USERNAME, PASSWORD }

    private record Flow(String deviceCode, Stage stage, String upn) {
    }

    private final DeviceCodeGrant grant;
    private final Directory directory;
    private final BackendClock clock;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    private final Throttle wrongCodes;
    private final Throttle wrongPasswords;

    public DeviceLoginPortal(DeviceCodeGrant grant, Directory directory, BackendClock clock) {
        this.grant = grant;
        this.directory = directory;
        this.clock = clock;
        this.wrongCodes = new Throttle(MAX_WRONG_CODES, CODE_WINDOW, clock);
        this.wrongPasswords = new Throttle(MAX_WRONG_PASSWORDS, CODE_WINDOW, clock);
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.html(codePage(null, null)));
        routes.post(PATH, this::code);
        routes.post(PATH + "/account", this::useAnotherAccount);
        routes.post(PATH + "/username", this::username);
        routes.post(PATH + "/password", this::password);
        routes.post(PATH + "/decline", this::decline);
    }

    /** The code page. Wrong codes count per client address; expired codes and empty submits do not. */
    private void code(Context ctx) {
        String client = ctx.ip();
        Optional<Instant> refused = wrongCodes.refusedUntil(client);
        if (refused.isPresent()) {
            ctx.html(codePage("tooManyCodes", TOO_MANY_CODES.formatted(HOUR_MINUTE.format(refused.get()))));
            return;
        }
        String typed = ctx.formParam("otc");
        DeviceCodeGrant.Lookup lookup = grant.lookUp(typed);
        if (lookup instanceof DeviceCodeGrant.Lookup.Found found) {
            String flowToken = Secrets.randomToken(32);
            flows.put(flowToken, new Flow(found.authorization().deviceCode(), Stage.PICK_ACCOUNT, null));
            ctx.html(pickAccountPage(flowToken));
        } else if (lookup instanceof DeviceCodeGrant.Lookup.Expired) {
            ctx.html(codePage("codeExpired", CODE_EXPIRED));
        } else {
            if (!DeviceLoginCode.normalize(typed).isEmpty()) {
                wrongCodes.failed(client);
            }
            ctx.html(codePage("codeDidntWork", CODE_DIDNT_WORK));
        }
    }

    private void useAnotherAccount(Context ctx) {
        String flowToken = ctx.formParam("flowToken");
        Optional<Flow> flow = flow(ctx, flowToken, Stage.PICK_ACCOUNT);
        if (flow.isEmpty()) {
            return;
        }
        flows.put(flowToken, new Flow(flow.get().deviceCode(), Stage.USERNAME, null));
        ctx.html(usernamePage(flowToken, null, null));
    }

    private void username(Context ctx) {
        String flowToken = ctx.formParam("flowToken");
        Optional<Flow> flow = flow(ctx, flowToken, Stage.USERNAME);
        if (flow.isEmpty()) {
            return;
        }
        Optional<Directory.Member> member = directory.member(ctx.formParam("loginfmt"));
        if (member.isEmpty()) {
            ctx.html(usernamePage(flowToken, "unknownUser", UNKNOWN_USER));
            return;
        }
        String requiredTenant = authorization(flow.get()).map(DeviceAuthorization::tenantId).orElse(null);
        if (requiredTenant != null && !requiredTenant.equals(member.get().tenant().tenantId())) {
            String organization = directory.tenant(requiredTenant).map(t -> t.organizationName()).orElse(requiredTenant);
            ctx.html(usernamePage(flowToken, "wrongOrganization", "That account isn't in " + organization
                    + ", the organization this device signs in to. Use an account of " + organization + "."));
            return;
        }
        String upn = member.get().account().upn();
        flows.put(flowToken, new Flow(flow.get().deviceCode(), Stage.PASSWORD, upn));
        ctx.html(passwordPage(flowToken, upn, null, null));
    }

    private void password(Context ctx) {
        String flowToken = ctx.formParam("flowToken");
        Optional<Flow> flow = flow(ctx, flowToken, Stage.PASSWORD);
        if (flow.isEmpty()) {
            return;
        }
        Directory.Member member = directory.member(flow.get().upn()).orElseThrow();
        String account = member.account().upn().toLowerCase(Locale.ROOT);
        Optional<Instant> locked = wrongPasswords.refusedUntil(account);
        if (locked.isPresent()) {
            ctx.html(passwordPage(flowToken, flow.get().upn(), "accountLocked",
                    ACCOUNT_LOCKED.formatted(HOUR_MINUTE.format(locked.get()))));
            return;
        }
        if (!Secrets.constantTimeEquals(member.account().password(), ctx.formParam("passwd"))) {
            wrongPasswords.failed(account);
            ctx.html(passwordPage(flowToken, flow.get().upn(), "wrongPassword", WRONG_PASSWORD));
            return;
        }
        flows.remove(flowToken);
        Optional<SignInPolicy.Refusal> refusal = SignInPolicy.refusalOf(member.account(), clock.instant());
        if (refusal.isPresent()) {
            ctx.html(refusedPage(refusal.get(), member.account().upn()));
            return;
        }
        if (!grant.approve(flow.get().deviceCode(), member.tenant().tenantId(), member.account().upn())) {
            ctx.html(codePage("codeExpired", CODE_EXPIRED));
            return;
        }
        ctx.html(donePage());
    }

    /** "Cancel" on any page after the code: the device's next poll gets {@code authorization_declined}. */
    private void decline(Context ctx) {
        String flowToken = ctx.formParam("flowToken");
        Flow flow = flowToken == null ? null : flows.remove(flowToken);
        if (flow == null) {
            ctx.html(codePage("sessionLost", SESSION_LOST));
        } else if (grant.decline(flow.deviceCode())) {
            ctx.html(page("Microsoft Teams Android", """
                    <h1 id="title">Microsoft Teams Android</h1>
                    <div id="declined">%s</div>
                    """.formatted(DECLINED)));
        } else {
            ctx.html(codePage("codeExpired", CODE_EXPIRED));
        }
    }

    /** The flow at the expected stage with a still-usable code; otherwise renders the code page and returns empty. */
    private Optional<Flow> flow(Context ctx, String flowToken, Stage expected) {
        Flow flow = flowToken == null ? null : flows.get(flowToken);
        if (flow == null || flow.stage() != expected) {
            ctx.html(codePage("sessionLost", SESSION_LOST));
            return Optional.empty();
        }
        Optional<DeviceAuthorization> a = authorization(flow);
        if (a.isEmpty() || a.get().status() != DeviceAuthorization.Status.PENDING) {
            flows.remove(flowToken);
            ctx.html(codePage("codeDidntWork", CODE_DIDNT_WORK));
            return Optional.empty();
        }
        if (a.get().isExpired(clock.instant())) {
            flows.remove(flowToken);
            ctx.html(codePage("codeExpired", CODE_EXPIRED));
            return Optional.empty();
        }
        return Optional.of(flow);
    }

    private Optional<DeviceAuthorization> authorization(Flow flow) {
        return grant.byDeviceCode(flow.deviceCode());
    }

    private static String codePage(String errorCode, String error) {
        return page("Enter code", """
                <h1 id="title">Enter code</h1>
                <p>Enter the code displayed on your app or device.</p>
                %s
                <form method="post" action="%s">
                  <input name="otc" id="otc" type="text" autocomplete="off" placeholder="Code" aria-label="Code">
                  <input type="submit" id="idSIButton9" value="Next">
                </form>
                """.formatted(errorDiv(errorCode, error), PATH));
    }

    private static String pickAccountPage(String flowToken) {
        return page("Pick an account", """
                <h1 id="title">Pick an account</h1>
                <p>You're signing in to Microsoft Teams Android on another device located in your area.</p>
                <form method="post" action="%s/account">
                  <input type="hidden" name="flowToken" value="%s">
                  <button type="submit" id="otherTile">Use another account</button>
                </form>
                %s""".formatted(PATH, escape(flowToken), cancelForm(flowToken)));
    }

    private static String usernamePage(String flowToken, String errorCode, String error) {
        return page("Sign in", """
                <h1 id="title">Sign in</h1>
                %s
                <form method="post" action="%s/username">
                  <input type="hidden" name="flowToken" value="%s">
                  <input name="loginfmt" id="i0116" type="email" placeholder="Email, phone, or Skype" aria-label="Email">
                  <input type="submit" id="idSIButton9" value="Next">
                </form>
                %s""".formatted(errorDiv(errorCode, error), PATH, escape(flowToken), cancelForm(flowToken)));
    }

    private static String passwordPage(String flowToken, String upn, String errorCode, String error) {
        return page("Enter password", """
                <h1 id="title">Enter password</h1>
                <div id="displayName">%s</div>
                %s
                <form method="post" action="%s/password">
                  <input type="hidden" name="flowToken" value="%s">
                  <input name="passwd" id="i0118" type="password" placeholder="Password" aria-label="Password">
                  <input type="submit" id="idSIButton9" value="Sign in">
                </form>
                %s""".formatted(escape(upn), errorDiv(errorCode, error), PATH, escape(flowToken), cancelForm(flowToken)));
    }

    private static String donePage() {
        return page("Microsoft Teams Android", """
                <h1 id="title">Microsoft Teams Android</h1>
                <div id="done">%s</div>
                """.formatted(DONE));
    }

    /** The sign-in ends here: the account is not one remote sign-in accepts. The device code stays usable. */
    private static String refusedPage(SignInPolicy.Refusal refusal, String upn) {
        String message = switch (refusal) {
            case PASSWORD_EXPIRED -> PASSWORD_EXPIRED;
            case MFA_NOT_SUPPORTED -> MFA_NOT_SUPPORTED;
            case SHARED_DEVICES_ONLY -> SHARED_DEVICES_ONLY.formatted(upn);
        };
        String code = switch (refusal) {
            case PASSWORD_EXPIRED -> "passwordExpired";
            case MFA_NOT_SUPPORTED -> "mfaNotSupported";
            case SHARED_DEVICES_ONLY -> "sharedDevicesOnly";
        };
        return page("Can't sign in", """
                <h1 id="title">Can't sign in</h1>
                %s""".formatted(errorDiv(code, message)));
    }

    private static String cancelForm(String flowToken) {
        return """
                <form method="post" action="%s/decline">
                  <input type="hidden" name="flowToken" value="%s">
                  <button type="submit" id="idBtn_Back">Cancel</button>
                </form>
                """.formatted(PATH, escape(flowToken));
    }

    /** {@code data-error} names the error for programs (the harness types failures by it, never by the text). */
    private static String errorDiv(String code, String error) {
        return error == null ? "" : "<div id=\"error\" role=\"alert\" data-error=\"" + code + "\">" + escape(error) + "</div>";
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body>
                %s</body></html>
                """.formatted(escape(title), body);
    }
}
