package dialtone.core.flows;

import dialtone.core.backend.AdminClient;
import dialtone.core.evidence.Evidence;
import dialtone.core.failure.EnvironmentProblem;
import dialtone.core.failure.ProgressLost;
import dialtone.core.failure.ProductDefect;
import dialtone.core.phone.Phone;
import dialtone.core.portal.DeviceLoginPortal;
import dialtone.core.screen.HomeScreen;
import dialtone.model.provisioning.RemoteSignIn;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The field guide's "Sign In to Teams": the admin's remote sign-in (the phone locks and shows a
 * device login code), the Device Login portal, and the phone's way to its home screen — through
 * Company Portal when the tenant requires Intune enrolment. A tenant that blocks enrolment sends
 * the phone back to a new device code every time; {@link #awaitHome()} recognises that loop and
 * reports it as an {@link EnvironmentProblem} (fix the tenant, not the phone).
 */
public final class SignInFlow {
    /** Company Portal's logcat line when the tenant refuses device-administrator enrolment. */
    static final String ENROLMENT_BLOCKED = "enrollment blocked by the organization";

    private final Phone phone;
    private final AdminClient admin;
    private final DeviceLoginPortal portal;
    private final Evidence evidence;

    public SignInFlow(Phone phone, AdminClient admin, DeviceLoginPortal portal, Evidence evidence) {
        this.phone = phone;
        this.admin = admin;
        this.portal = portal;
        this.evidence = evidence;
    }

    /** What the admin got back and what the locked phone shows. */
    public record Requested(RemoteSignIn remote, String shownCode) {}

    /** TAC's "Signed Out" → Sign in: the phone locks while the code is fetched and shows it. */
    public Requested requestRemoteSignIn() {
        // a phone rebooting when the admin asks cannot answer (the backend's 502/504): asking again is harmless
        return evidence.recovering("Remote sign-in request", () -> {
            RemoteSignIn remote = evidence.backendStage("Admin signs the phone in remotely", () -> admin.remoteSignIn(phone.mac()));
            String shown = evidence.stage("The phone locks and shows the device login code",
                    () -> phone.lockScreen().awaitShown(phone.profile().budgets().remoteSignIn()).deviceLoginCode());
            return new Requested(remote, shown);
        });
    }

    /** The admin enters {@code code} on the Device Login portal and signs {@code upn} in (the password is never logged). */
    public String portalSignIn(String verificationUri, String code, String upn, String password) {
        return evidence.backendStage("Admin enters the code " + code + " on the Device Login portal and signs in " + upn,
                () -> portal.signIn(verificationUri, code, upn, password));
    }

    /**
     * The whole remote sign-in of {@code upn}: the phone locks and shows the admin's code, the admin
     * types it in lower case on the portal (codes are case-insensitive), the phone reaches its home.
     */
    public HomeScreen signInRemotely(String upn, String password) {
        // lab trouble anywhere in it (the phone rebooted and forgot the request, the command channel
        // broke) is absorbed by asking again, unless the phone already got home
        int[] runs = {0};
        return evidence.recovering("Remote sign-in", () -> {
            if (runs[0]++ > 0) {
                if (phone.homeScreen().isShowing()) return phone.homeScreen();
                if (signedInSinceRequested()) return awaitHome(); // the service signed it in before the trouble: asking again would be refused
            }
            Requested requested = requestRemoteSignIn();
            if (!requested.shownCode().equalsIgnoreCase(requested.remote().userCode().toString())) {
                throw new ProductDefect(phone.id() + ": the lock screen shows \"" + requested.shownCode()
                        + "\", the admin was given \"" + requested.remote().userCode() + "\"");
            }
            portalSignIn(requested.remote().verificationUri(), requested.shownCode().toLowerCase(Locale.ROOT), upn, password);
            return awaitHome();
        });
    }

    /** Whether the audit log shows the phone signed in since the admin's latest remote sign-in request. */
    private boolean signedInSinceRequested() {
        var events = admin.audit(phone.mac());
        int requested = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).action().equals("signInRequested")) requested = i;
        }
        return requested >= 0 && events.subList(requested + 1, events.size()).stream()
                .anyMatch(e -> e.actor().equals("phone") && e.action().equals("signedIn"));
    }

    /**
     * Waits (sign-in budget) for the home screen. While waiting, a Company Portal "enrollment
     * blocked" in the phone's log since this call means the tenant's policy makes the sign-in loop:
     * an {@link EnvironmentProblem}, at once, rather than a timeout blamed on the phone.
     */
    public HomeScreen awaitHome() {
        String bootBefore = phone.bootId(); // a sign-in in progress lives in memory: a reboot ends it
        return evidence.stage("The phone reaches its home screen", () -> {
            String mark = phone.logMark();
            HomeScreen home = phone.homeScreen();
            AtomicReference<String> loop = new AtomicReference<>();
            Duration budget = phone.profile().budgets().signIn();
            try {
                await(phone.id() + " home screen after sign-in")
                        .atMost(budget)
                        .pollInterval(phone.profile().budgets().poll())
                        .pollDelay(Duration.ZERO)
                        .pollInSameThread()
                        .until(() -> {
                            if (home.isShowing()) return true;
                            if (!phone.bootId().equals(bootBefore)) {
                                throw new ProgressLost(phone.id() + " rebooted while signing in (its boot id changed), which ends"
                                        + " the sign-in: it has to be asked for again");
                            }
                            var blocked = phone.logcatSince(mark).stream().filter(l -> l.contains(ENROLMENT_BLOCKED)).findFirst();
                            if (blocked.isPresent()) {
                                loop.set(blocked.get().strip());
                                return true;
                            }
                            return false;
                        });
            } catch (ConditionTimeoutException e) {
                home.awaitShown(Duration.ZERO); // names the profile, screen and locator that missed
            }
            if (loop.get() != null) {
                phone.signInScreen().awaitShown(); // the loop's other half: back to a new device code
                throw new EnvironmentProblem(phone.id() + ": the tenant requires Intune enrolment but blocks device-administrator"
                        + " enrolment, so Company Portal sends the phone back to the sign-in screen with a new code every time"
                        + " (field guide: the sign-in loop). Allow device-administrator enrolment for Android in Intune,"
                        + " or stop requiring enrolment, then run again. Phone log: " + loop.get());
            }
            return home;
        });
    }
}
