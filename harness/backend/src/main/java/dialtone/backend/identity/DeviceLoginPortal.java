package dialtone.backend.identity;

import static dialtone.backend.Html.escape;

import dialtone.backend.Directory;
import dialtone.backend.Secrets;
import dialtone.backend.store.DeviceAuthorization;
import dialtone.model.BackendClock;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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

    private enum Stage { PICK_ACCOUNT, USERNAME, PASSWORD }

    private record Flow(String deviceCode, Stage stage, String upn) {
    }

    private final DeviceCodeGrant grant;
    private final Directory directory;
    private final BackendClock clock;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();

    public DeviceLoginPortal(DeviceCodeGrant grant, Directory directory, BackendClock clock) {
        this.grant = grant;
        this.directory = directory;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.html(codePage(null)));
        routes.post(PATH, this::code);
        routes.post(PATH + "/account", this::useAnotherAccount);
        routes.post(PATH + "/username", this::username);
        routes.post(PATH + "/password", this::password);
    }

    private void code(Context ctx) {
        DeviceCodeGrant.Lookup lookup = grant.lookUp(ctx.formParam("otc"));
        if (lookup instanceof DeviceCodeGrant.Lookup.Found found) {
            String flowToken = Secrets.randomToken(32);
            flows.put(flowToken, new Flow(found.authorization().deviceCode(), Stage.PICK_ACCOUNT, null));
            ctx.html(pickAccountPage(flowToken));
        } else if (lookup instanceof DeviceCodeGrant.Lookup.Expired) {
            ctx.html(codePage(CODE_EXPIRED));
        } else {
            ctx.html(codePage(CODE_DIDNT_WORK));
        }
    }

    private void useAnotherAccount(Context ctx) {
        String flowToken = ctx.formParam("flowToken");
        Optional<Flow> flow = flow(ctx, flowToken, Stage.PICK_ACCOUNT);
        if (flow.isEmpty()) {
            return;
        }
        flows.put(flowToken, new Flow(flow.get().deviceCode(), Stage.USERNAME, null));
        ctx.html(usernamePage(flowToken, null));
    }

    private void username(Context ctx) {
        String flowToken = ctx.formParam("flowToken");
        Optional<Flow> flow = flow(ctx, flowToken, Stage.USERNAME);
        if (flow.isEmpty()) {
            return;
        }
        Optional<Directory.Member> member = directory.member(ctx.formParam("loginfmt"));
        if (member.isEmpty()) {
            ctx.html(usernamePage(flowToken, UNKNOWN_USER));
            return;
        }
        String requiredTenant = authorization(flow.get()).map(DeviceAuthorization::tenantId).orElse(null);
        if (requiredTenant != null && !requiredTenant.equals(member.get().tenant().tenantId())) {
            String organization = directory.tenant(requiredTenant).map(t -> t.organizationName()).orElse(requiredTenant);
            ctx.html(usernamePage(flowToken, "That account isn't in " + organization
                    + ", the organization this device signs in to. Use an account of " + organization + "."));
            return;
        }
        String upn = member.get().account().upn();
        flows.put(flowToken, new Flow(flow.get().deviceCode(), Stage.PASSWORD, upn));
        ctx.html(passwordPage(flowToken, upn, null));
    }

    private void password(Context ctx) {
        String flowToken = ctx.formParam("flowToken");
        Optional<Flow> flow = flow(ctx, flowToken, Stage.PASSWORD);
        if (flow.isEmpty()) {
            return;
        }
        Directory.Member member = directory.member(flow.get().upn()).orElseThrow();
        if (!Secrets.constantTimeEquals(member.account().password(), ctx.formParam("passwd"))) {
            ctx.html(passwordPage(flowToken, flow.get().upn(), WRONG_PASSWORD));
            return;
        }
        flows.remove(flowToken);
        if (!grant.approve(flow.get().deviceCode(), member.tenant().tenantId(), member.account().upn())) {
            ctx.html(codePage(CODE_EXPIRED));
            return;
        }
        ctx.html(donePage());
    }

    /** The flow at the expected stage with a still-usable code; otherwise renders the code page and returns empty. */
    private Optional<Flow> flow(Context ctx, String flowToken, Stage expected) {
        Flow flow = flowToken == null ? null : flows.get(flowToken);
        if (flow == null || flow.stage() != expected) {
            ctx.html(codePage(SESSION_LOST));
            return Optional.empty();
        }
        Optional<DeviceAuthorization> a = authorization(flow);
        if (a.isEmpty() || a.get().status() != DeviceAuthorization.Status.PENDING) {
            flows.remove(flowToken);
            ctx.html(codePage(CODE_DIDNT_WORK));
            return Optional.empty();
        }
        if (a.get().isExpired(clock.instant())) {
            flows.remove(flowToken);
            ctx.html(codePage(CODE_EXPIRED));
            return Optional.empty();
        }
        return Optional.of(flow);
    }

    private Optional<DeviceAuthorization> authorization(Flow flow) {
        return grant.byDeviceCode(flow.deviceCode());
    }

    private static String codePage(String error) {
        return page("Enter code", """
                <h1 id="title">Enter code</h1>
                <p>Enter the code displayed on your app or device.</p>
                %s
                <form method="post" action="%s">
                  <input name="otc" id="otc" type="text" autocomplete="off" placeholder="Code" aria-label="Code">
                  <input type="submit" id="idSIButton9" value="Next">
                </form>
                """.formatted(errorDiv(error), PATH));
    }

    private static String pickAccountPage(String flowToken) {
        return page("Pick an account", """
                <h1 id="title">Pick an account</h1>
                <p>You're signing in to Microsoft Teams Android on another device located in your area.</p>
                <form method="post" action="%s/account">
                  <input type="hidden" name="flowToken" value="%s">
                  <button type="submit" id="otherTile">Use another account</button>
                </form>
                """.formatted(PATH, escape(flowToken)));
    }

    private static String usernamePage(String flowToken, String error) {
        return page("Sign in", """
                <h1 id="title">Sign in</h1>
                %s
                <form method="post" action="%s/username">
                  <input type="hidden" name="flowToken" value="%s">
                  <input name="loginfmt" id="i0116" type="email" placeholder="Email, phone, or Skype" aria-label="Email">
                  <input type="submit" id="idSIButton9" value="Next">
                </form>
                """.formatted(errorDiv(error), PATH, escape(flowToken)));
    }

    private static String passwordPage(String flowToken, String upn, String error) {
        return page("Enter password", """
                <h1 id="title">Enter password</h1>
                <div id="displayName">%s</div>
                %s
                <form method="post" action="%s/password">
                  <input type="hidden" name="flowToken" value="%s">
                  <input name="passwd" id="i0118" type="password" placeholder="Password" aria-label="Password">
                  <input type="submit" id="idSIButton9" value="Sign in">
                </form>
                """.formatted(escape(upn), errorDiv(error), PATH, escape(flowToken)));
    }

    private static String donePage() {
        return page("Microsoft Teams Android", """
                <h1 id="title">Microsoft Teams Android</h1>
                <div id="done">%s</div>
                """.formatted(DONE));
    }

    private static String errorDiv(String error) {
        return error == null ? "" : "<div id=\"error\" role=\"alert\">" + escape(error) + "</div>";
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
