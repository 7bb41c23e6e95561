package dialtone.simulator.phone;

import dialtone.model.Mac;
import dialtone.model.profile.FirmwareVersion;
import dialtone.model.rack.AdbAddress;
import dialtone.simulator.adb.AdbAuth;
import dialtone.simulator.adb.AdbDaemon;
import dialtone.simulator.adb.AdbDevice;
import dialtone.simulator.adb.ShellResult;
import dialtone.simulator.adb.VirtualFileSystem;
import dialtone.simulator.appium.AppiumDevice;
import dialtone.simulator.appium.ScreenChanges;
import dialtone.simulator.ui.UiSnapshot;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual phone: the state machine of the field guide's screens, an adbd on the phone's port,
 * and the device side of the backend's APIs. Every transition happens in this class, under its
 * lock, and bumps the screen generation so Appium element ids go stale as on a real phone.
 */
public final class VirtualPhone implements AdbDevice, AppiumDevice, AutoCloseable {
    static final String TEAMS_PACKAGE = "com.microsoft.skype.teams.ipphone";
    static final String COMPANY_PORTAL_PACKAGE = "com.microsoft.windowsintune.companyportal";
    private static final Pattern ATTEMPTS_LEFT = Pattern.compile("(\\d+) attempts? left");
    /** AADSTS50055: the refresh was refused because the account's password expired. */
    private static final int PASSWORD_EXPIRED = 50055;
    private static final Logger log = LoggerFactory.getLogger(VirtualPhone.class);

    private final String id;
    private final AdbAddress adb;
    private final Mac mac;
    private final FirmwareVersion firmware;
    private final FirmwareLine line;
    private final VirtualModel model;
    private final SimulatorTiming timing;
    private final ScheduledExecutorService scheduler;
    private final BackendLink backend;
    private final PhoneShell shell = new PhoneShell(this);
    final Logcat logcat = new Logcat();
    private final Consumer<VirtualPhone> onReboot;
    private final String serialNumber;
    private final ScreenChanges changes = new ScreenChanges(0);
    /** Ids of the backend's recent commands, so a command the backend carries again is done once. */
    private final Map<String, Boolean> handledCommands = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 64;
        }
    };
    private UUID bootUuid = UUID.randomUUID();
    private final PhoneFaults faults = new PhoneFaults(this, Clock.systemUTC());
    private final Heartbeats heartbeats;
    private volatile AdbAuth adbAuth = AdbAuth.anyKey();

    // What survives a reboot; a factory reset clears it (and the backend credential BackendLink holds).
    private Binding binding;
    private BackendLink.SignedInAccount account;
    private SignedInTokens tokens;
    private boolean resetToReport;
    /** A restart operation the backend asked for: its outcome is reported once the phone is up again. */
    private String restartToReport;

    // What is on screen.
    private PhoneState state = PhoneState.BOOTING;
    private long generation;
    private final StringBuilder codeEntry = new StringBuilder();
    private String provisioningError;
    private Integer attemptsLeft;
    private PhoneView.EnrolmentStep enrolmentStep;
    private PasswordPrompt passwordPrompt;
    private DeviceLoginGrant grant;
    /** A sign-in screen's request for a device login code is on its way (so the screen asks once at a time). */
    private boolean grantRequested;
    /** The boot in which the phone last reached the backend when it came up ({@link #callHome}): a phone that has not says nothing else. */
    private long calledHome = -1;
    private long bootId;
    private AdbDaemon adbd;
    private ScheduledFuture<?> pending;
    /** Device time played so far: every device-side duration that ran to its end (see {@link #deviceTime()}). */
    private final java.util.concurrent.atomic.AtomicLong deviceMillis = new java.util.concurrent.atomic.AtomicLong();
    private ScheduledFuture<?> tokenRefresh;
    private boolean closed;
    /** The Teams app was force-stopped ({@code am force-stop}) and not started since: the launcher shows. */
    private boolean teamsStopped;

    record Binding(String tenantId, String organizationName) {}

    /** The signed-in account's tokens and the tenant that issued them (for refreshing); never logged. */
    record SignedInTokens(String tenant, BackendLink.Tokens tokens) {
        @Override
        public String toString() {
            return "SignedInTokens[" + tenant + "]";
        }
    }

    /** A device-code grant the phone runs: shown on the sign-in screen or, remotely, on the lock screen. */
    record DeviceLoginGrant(String tenant, BackendLink.DeviceCode code, Instant expires, boolean remote, boolean expired) {
        DeviceLoginGrant expire() {
            return new DeviceLoginGrant(tenant, code, expires, remote, true);
        }
    }

    public VirtualPhone(String id, AdbAddress adb, Mac mac, FirmwareVersion firmware, FirmwareLine line, String backendUrl,
                        SimulatorTiming timing, ScheduledExecutorService scheduler, OkHttpClient http, Consumer<VirtualPhone> onReboot) {
        this.id = id;
        this.adb = adb;
        this.mac = mac;
        this.firmware = firmware;
        this.line = line;
        this.model = line.model();
        this.timing = timing;
        this.scheduler = scheduler;
        this.onReboot = onReboot;
        this.backend = new BackendLink(backendUrl, mac, http, faults::backendCut);
        this.serialNumber = "VP" + mac.compact().substring(6);
        this.heartbeats = new Heartbeats(id, backend, scheduler, this::activityState);
    }

    // ---------------------------------------------------------------- identity

    public String id() { return id; }

    public AdbAddress adbAddress() { return adb; }

    public Mac mac() { return mac; }

    public FirmwareVersion firmware() { return firmware; }

    public VirtualModel model() { return model; }

    /** The firmware catalogue's line this phone's firmware belongs to. */
    public FirmwareLine line() { return line; }

    /** The durations this phone runs at (its line's, times the rack's time scale). */
    public SimulatorTiming timing() { return timing; }

    public synchronized PhoneState state() { return state; }

    @Override
    public String udid() { return adb.serial(); }

    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ro.product.manufacturer", model.manufacturer());
        p.put("ro.product.model", model.model());
        p.put("ro.product.name", model.device());
        p.put("ro.product.device", model.device());
        p.put("ro.build.version.release", line.android());
        p.put("ro.build.version.incremental", firmware.text());
        p.put("ro.serialno", serialNumber);
        p.put("sys.boot_completed", "1");
        return p;
    }

    /** Changes at every boot, like Linux's /proc/sys/kernel/random/boot_id. */
    synchronized String bootUuid() {
        return bootUuid.toString();
    }

    List<String> packages() {
        return List.of("android", TEAMS_PACKAGE, "com.microsoft.windowsintune.companyportal", "com.azure.authenticator");
    }

    /**
     * The device time this phone has played since it was created: the durations of its firmware
     * line (boot, provisioning, success screen, Company Portal steps, signing in; scaled, with
     * faults' slow boots) that ran to their end. Not counted: token polls' intervals and the command
     * long-poll (protocol waits the backend sets), the token refresh (in the background). The
     * benchmark's ideal: a suite cannot finish before its phone with the most device time.
     */
    public Duration deviceTime() {
        return Duration.ofMillis(deviceMillis.get());
    }

    /** After {@code d} of device time, {@code then}; the time counts once it has passed. */
    private ScheduledFuture<?> deviceDelay(Duration d, Runnable then) {
        return scheduler.schedule(() -> {
            deviceMillis.addAndGet(d.toMillis());
            then.run();
        }, d.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- power and boot

    /** Powers the phone on: it boots, then listens for ADB and calls the backend. */
    public synchronized void powerOn() {
        bootId++;
        grantRequested = false; // a request of the last boot no longer counts
        bootUuid = UUID.randomUUID();
        enter(PhoneState.BOOTING);
        long boot = bootId;
        pending = deviceDelay(faults.bootTime(timing.boot()), () -> booted(boot));
    }

    /** Reboots: the ADB connection drops, Appium sessions end, the phone boots again. */
    public void reboot() {
        synchronized (this) {
            if (state == PhoneState.POWERED_OFF) return;
            log.info("{}: rebooting", id);
            stopRunning();
            teamsStopped = false;
        }
        // what lives in memory is gone; a wedged phone cannot be rebooted over ADB, but a watchdog's reboot (the reboot fault) frees it
        faults.recovered(EnumSet.of(PhoneFaults.Hang.TEAMS_APP_HUNG, PhoneFaults.Hang.SYSTEM_HUNG, PhoneFaults.Hang.WEDGED));
        onReboot.accept(this);
        synchronized (this) {
            if (!closed) powerOn();
        }
    }

    /** The factory reset the profile's ADB command triggers: forget the tenant and the account, then reboot. */
    void factoryReset() {
        synchronized (this) {
            log.info("{}: factory reset", id);
            logcat.info("factory reset: wiping the tenant, the account and user data");
            binding = null;
            account = null;
            tokens = null;
            passwordPrompt = null;
            provisioningError = null;
            attemptsLeft = null;
            backend.forgetCredential();
            adbAuth.forgetRemembered();
            resetToReport = true;
        }
        faults.recovered(EnumSet.of(PhoneFaults.Hang.PROVISIONING_CORRUPTED));
        reboot();
    }

    /**
     * Switches the phone on or off as its PoE port or PDU outlet would. Off: everything stops (ADB,
     * Appium sessions, the backend), what lives in memory is gone (hung app or system, a wedge); what
     * is stored stays. On: a cold boot. Switching to the state it is in changes nothing.
     */
    public void power(boolean on) {
        if (on) {
            synchronized (this) {
                if (state != PhoneState.POWERED_OFF || closed) return;
                log.info("{}: power on", id);
                powerOn();
            }
            return;
        }
        synchronized (this) {
            if (state == PhoneState.POWERED_OFF) return;
            log.info("{}: power off", id);
            stopRunning();
            teamsStopped = false;
            enter(PhoneState.POWERED_OFF);
        }
        faults.recovered(EnumSet.of(PhoneFaults.Hang.TEAMS_APP_HUNG, PhoneFaults.Hang.SYSTEM_HUNG, PhoneFaults.Hang.WEDGED));
        onReboot.accept(this);
    }

    public synchronized boolean poweredOn() {
        return state != PhoneState.POWERED_OFF;
    }

    /** Wedged: adbd and the rest stop answering, sessions end, and nothing but a power cycle brings it back. */
    void wedge() {
        synchronized (this) {
            if (state == PhoneState.POWERED_OFF) return;
            log.info("{}: wedged", id);
            stopRunning();
        }
        onReboot.accept(this);
    }

    /** The wedge was cleared through the control API (not by a power cycle): the phone boots again. */
    synchronized void wedgeCleared() {
        if (!closed && state != PhoneState.POWERED_OFF) powerOn();
    }

    /** {@code am force-stop} of the Teams app: a hung app is gone with it; the launcher shows until it starts. */
    void teamsForceStopped() {
        faults.recovered(EnumSet.of(PhoneFaults.Hang.TEAMS_APP_HUNG));
        synchronized (this) {
            logcat.log('I', "ActivityManager", "Force stopping " + TEAMS_PACKAGE + " appid=10087 user=0: from pid 2000");
            teamsStopped = true;
            changed();
        }
    }

    /** {@code am start} of Teams' launcher activity. */
    synchronized void teamsStarted() {
        if (teamsStopped) {
            teamsStopped = false;
            changed();
        }
    }

    private void booted(long boot) {
        synchronized (this) {
            if (boot != bootId || closed) return;
            try {
                adbd = AdbDaemon.start(adb.host(), adb.port(), this, adbAuth);
            } catch (IOException e) {
                log.error("{}: cannot listen for ADB on {}: {}", id, adb, e.getMessage());
                return;
            }
            if (passwordPrompt != null) {
                passwordPrompt = PasswordPrompt.forAccount(passwordPrompt.upn()); // still expired: asked again, fields empty
            }
            enter(account == null ? PhoneState.SIGN_IN : passwordPrompt != null ? PhoneState.PASSWORD_EXPIRED : PhoneState.HOME);
            if (account != null) scheduleTokenRefresh(boot);
        }
        try {
            callHome(boot);
        } catch (IOException | BackendLink.Refused e) {
            log.warn("{}: backend not reachable at boot: {}", id, e.getMessage());
        }
        Thread poller = new Thread(() -> commandLoop(boot), "phone-" + id + "-commands");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Tells the backend the phone is up (and, after a factory reset, that it was reset, which must come
     * before anything else the phone says in its new life); then the heartbeats start and the sign-in
     * screen asks for its code.
     * When the backend is away the command loop calls again until it answers ({@link #keepInTouch}).
     */
    private void callHome(long boot) throws IOException, BackendLink.Refused {
        boolean reset;
        synchronized (this) { reset = resetToReport; }
        if (reset) {
            backend.reportFactoryReset();
            synchronized (this) { resetToReport = false; }
        }
        backend.hello(Map.of("model", model.model(), "manufacturer", model.manufacturer(), "firmware", firmware.text(),
                "serialNumber", serialNumber, "teamsVersion", line.teamsVersion()));
        synchronized (this) {
            if (boot != bootId) return;
            calledHome = boot;
            heartbeats.start(); // not before: a reset phone's beats would be refused until the service heard the reset
            if (state == PhoneState.SIGN_IN) startSignInScreenGrant();
        }
        reportRestart();
    }

    /** Calls home when the phone has not reached the backend yet in this boot; true when it called now. */
    private boolean callHomeIfNeeded(long boot) throws IOException, BackendLink.Refused {
        synchronized (this) {
            if (calledHome == boot) return false;
        }
        callHome(boot);
        return true;
    }

    /**
     * What the phone's connection loop does before it waits for the admin's next command: calls home if
     * it could not yet in this boot, reports a restart the backend could not take, and lets a sign-in
     * screen without a code ask for one (the Teams app keeps trying while the service is away).
     */
    private void keepInTouch(long boot) throws IOException, BackendLink.Refused {
        if (callHomeIfNeeded(boot)) return;
        reportRestart();
        synchronized (this) {
            if (boot == bootId && state == PhoneState.SIGN_IN) startSignInScreenGrant();
        }
    }

    private void stopRunning() {
        bootId++;
        if (pending != null) pending.cancel(false);
        grant = null;
        backend.cancelLongPoll();
        heartbeats.stop();
        if (adbd != null) {
            adbd.close();
            adbd = null;
        }
        enter(PhoneState.BOOTING);
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopRunning();
    }

    // ---------------------------------------------------------------- the technician's taps

    /** The gear on the sign-in screen, or More options on the home screen. */
    synchronized void openSettings() {
        if (state == PhoneState.SIGN_IN || state == PhoneState.HOME) enter(PhoneState.SETTINGS);
    }

    synchronized void back() {
        switch (state) {
            case SETTINGS -> enter(account != null ? PhoneState.HOME : PhoneState.SIGN_IN);
            case PROVISION_CODE, PROVISIONING_FAILED, SIGN_OUT_CONFIRM -> enter(PhoneState.SETTINGS);
            default -> { }
        }
    }

    synchronized void openProvisionPhone() {
        if (state != PhoneState.SETTINGS || account != null || !line.remoteProvisioning()) return;
        codeEntry.setLength(0);
        enter(PhoneState.PROVISION_CODE);
    }

    synchronized void dial(char digit) {
        if (state == PhoneState.PROVISION_CODE && codeEntry.length() < 6 && Character.isDigit(digit)) {
            codeEntry.append(digit);
            changed();
        }
    }

    synchronized void typeCode(String text) {
        if (state != PhoneState.PROVISION_CODE) return;
        codeEntry.setLength(0);
        text.chars().filter(Character::isDigit).limit(6).forEach(c -> codeEntry.append((char) c));
        changed();
    }

    synchronized void deleteDigit() {
        if (state == PhoneState.PROVISION_CODE && codeEntry.length() > 0) {
            codeEntry.setLength(codeEntry.length() - 1);
            changed();
        }
    }

    /** Next on the dial pad: "several seconds" of processing, then success or the reason it failed. */
    synchronized void submitCode() {
        if (state != PhoneState.PROVISION_CODE || codeEntry.length() != 6) return;
        String code = codeEntry.toString();
        enter(PhoneState.PROVISIONING);
        long boot = bootId;
        Instant started = Instant.now();
        scheduler.execute(() -> provision(boot, code, started));
    }

    /** Why the backend refused a verification code: its error code, and the attempts left when it said. */
    private record Refusal(String error, Integer attemptsLeft, String backendMessage) {}

    private void provision(long boot, String code, Instant started) {
        Binding result = null;
        Refusal failure = null;
        try {
            callHomeIfNeeded(boot); // a reset the backend has not heard of yet comes first, or it refuses the phone as provisioned
            BackendLink.Provisioned p = backend.provision(code);
            result = new Binding(p.tenantId(), p.organizationName());
        } catch (BackendLink.Refused e) {
            Matcher left = ATTEMPTS_LEFT.matcher(e.getMessage() == null ? "" : e.getMessage());
            failure = new Refusal(e.error, left.find() ? Integer.valueOf(left.group(1)) : null, e.getMessage());
        } catch (IOException e) {
            failure = new Refusal("unreachable", null, e.getMessage());
        }
        if (result != null && faults.has(PhoneFaults.Defect.PROVISIONING_HANGS)) return; // stays on "Provisioning..."
        Binding bound = result;
        Refusal why = failure;
        long remaining = Math.max(0, timing.provisioning().minus(Duration.between(started, Instant.now())).toMillis());
        scheduler.schedule(() -> {
            deviceMillis.addAndGet(timing.provisioning().toMillis()); // the backend call ran inside the provisioning time
            provisioned(boot, bound, why);
        }, remaining, TimeUnit.MILLISECONDS);
    }

    private synchronized void provisioned(long boot, Binding bound, Refusal failure) {
        if (boot != bootId || state != PhoneState.PROVISIONING) return;
        if (bound == null) {
            provisioningError = failure.error();
            attemptsLeft = failure.attemptsLeft();
            log.info("{}: provisioning refused: {} ({})", id, failure.error(), failure.backendMessage());
            logcat.warn("provisioning refused: " + failure.error() + ": " + failure.backendMessage());
            enter(PhoneState.PROVISIONING_FAILED);
            return;
        }
        binding = bound;
        log.info("{}: provisioned into tenant {}", id, bound.tenantId());
        logcat.info("provisioned into tenant " + bound.tenantId());
        enter(PhoneState.PROVISIONING_SUCCEEDED);
        pending = deviceDelay(timing.successScreen(), () -> backToSignIn(boot));
    }

    private synchronized void backToSignIn(long boot) {
        if (boot != bootId || state != PhoneState.PROVISIONING_SUCCEEDED) return;
        grant = null;
        enter(PhoneState.SIGN_IN);
        startSignInScreenGrant();
    }

    synchronized void tryAgain() {
        if (state != PhoneState.PROVISIONING_FAILED) return;
        codeEntry.setLength(0);
        enter(PhoneState.PROVISION_CODE);
    }

    /** Refresh code on the sign-in screen once the shown device login code expired. */
    synchronized void refreshCode() {
        if (state == PhoneState.SIGN_IN && grant != null && grant.expired()) {
            grant = null;
            startSignInScreenGrant();
        }
    }

    // ---------------------------------------------------------------- device login (RFC 8628, device side)

    private void startSignInScreenGrant() {
        if (grant != null || grantRequested || account != null || calledHome != bootId) return;
        grantRequested = true;
        String tenant = binding != null ? binding.tenantId() : "organizations";
        long boot = bootId;
        scheduler.execute(() -> startGrant(boot, tenant, false, null));
    }

    /**
     * Starts a device-code grant: asks for a code, shows it and polls for the token at the
     * backend's interval. A remote grant answers the admin's command with the code.
     */
    private void startGrant(long boot, String tenant, boolean remote, BackendLink.Command command) {
        BackendLink.DeviceCode code;
        try {
            code = backend.requestDeviceCode(tenant);
        } catch (IOException | BackendLink.Refused e) {
            log.warn("{}: no device login code: {}", id, e.getMessage());
            if (command != null) answer(command, Map.of("error", "device_code_unavailable"));
            synchronized (this) { if (!remote && boot == bootId) grantRequested = false; } // the command loop asks again (keepInTouch)
            return;
        }
        DeviceLoginGrant g = new DeviceLoginGrant(tenant, code, Instant.now().plus(code.expiresIn()), remote, false);
        synchronized (this) {
            if (!remote && boot == bootId) grantRequested = false;
            if (boot != bootId || account != null) return;
            if (!remote && state != PhoneState.SIGN_IN && state != PhoneState.SETTINGS) return;
            grant = g;
            changed();
        }
        if (command != null) {
            answer(command, Map.of("userCode", code.userCode(), "verificationUri", code.verificationUri(), "expiresIn", code.expiresIn().toSeconds()));
        }
        schedulePoll(boot, g, code.interval());
    }

    private void schedulePoll(long boot, DeviceLoginGrant g, Duration interval) {
        scheduler.schedule(() -> poll(boot, g, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll(long boot, DeviceLoginGrant g, Duration interval) {
        synchronized (this) {
            if (boot != bootId || grant != g) return;
        }
        try {
            Optional<BackendLink.Tokens> token = backend.pollToken(g.tenant(), g.code().deviceCode());
            if (token.isPresent()) {
                signIn(boot, g, token.get());
            } else {
                schedulePoll(boot, g, interval);
            }
        } catch (BackendLink.Refused e) {
            switch (e.error) {
                case "slow_down" -> schedulePoll(boot, g, interval.plusSeconds(5));
                case "expired_token" -> expireGrant(boot, g);
                default -> {
                    log.info("{}: device login ended: {}", id, e.error);
                    expireGrant(boot, g);
                }
            }
        } catch (IOException e) {
            schedulePoll(boot, g, interval);
        }
    }

    private synchronized void expireGrant(long boot, DeviceLoginGrant g) {
        if (boot != bootId || grant != g) return;
        if (g.remote()) {
            grant = null;
            enter(PhoneState.SIGN_IN);
            startSignInScreenGrant();
        } else {
            grant = g.expire();
            changed();
        }
    }

    // ---------------------------------------------------------------- after the grant: account, Company Portal, home

    /**
     * The grant succeeded: read the account; if the tenant requires enrolment and the line enrols
     * (firmware newer than 6.2), go through Company Portal first; then sign in and show home.
     */
    private void signIn(long boot, DeviceLoginGrant g, BackendLink.Tokens granted) {
        synchronized (this) {
            if (boot != bootId || grant != g) return;
            enter(PhoneState.SIGNING_IN);
        }
        SignedInTokens signedIn = new SignedInTokens(g.tenant(), granted);
        BackendLink.Account who;
        try {
            who = backend.account(granted.accessToken());
        } catch (IOException | BackendLink.Refused e) {
            signInFailed(boot, "account not readable: " + e.getMessage());
            return;
        }
        logcat.info("device login complete for " + who.upn() + "; enrollment required: " + who.enrollmentRequired());
        if (who.enrollmentRequired() && line.companyPortal()) {
            synchronized (this) {
                if (boot != bootId) return;
                enrolmentStep = PhoneView.EnrolmentStep.VERIFYING;
                enter(PhoneState.COMPANY_PORTAL);
            }
            logcat.log('I', "CompanyPortal", "Verifying a few things: enrolling this device (device administrator)");
            pending = deviceDelay(timing.enrolmentStep(), () -> enrol(boot, signedIn));
        } else {
            finishSignIn(boot, signedIn);
        }
    }

    /** Company Portal enrols the phone; a tenant that blocks it sends the phone back to a device code: the field guide's loop. */
    private void enrol(long boot, SignedInTokens signedIn) {
        synchronized (this) {
            if (boot != bootId || state != PhoneState.COMPANY_PORTAL) return;
        }
        try {
            backend.enroll(signedIn.tokens().accessToken());
        } catch (BackendLink.Refused e) {
            if ("enrollment_blocked".equals(e.error)) {
                logcat.log('W', "CompanyPortal", "enrollment blocked by the organization (" + e.error + "): " + e.getMessage()
                        + "; back to the sign-in screen");
            }
            signInFailed(boot, "enrollment refused: " + e.error);
            return;
        } catch (IOException e) {
            signInFailed(boot, "enrollment failed: " + e.getMessage());
            return;
        }
        logcat.log('I', "CompanyPortal", "enrolled (deviceAdministrator): registering this device");
        synchronized (this) {
            if (boot != bootId || state != PhoneState.COMPANY_PORTAL) return;
            enrolmentStep = PhoneView.EnrolmentStep.REGISTERING;
            changed();
            pending = deviceDelay(timing.enrolmentStep(), () -> finishSignIn(boot, signedIn));
        }
    }

    private void finishSignIn(long boot, SignedInTokens signedIn) {
        synchronized (this) {
            if (boot != bootId || (state != PhoneState.SIGNING_IN && state != PhoneState.COMPANY_PORTAL)) return;
            enrolmentStep = null;
            enter(PhoneState.SIGNING_IN);
        }
        BackendLink.SignedInAccount who;
        try {
            who = backend.signedIn(signedIn.tokens().accessToken());
        } catch (IOException | BackendLink.Refused e) {
            signInFailed(boot, "sign-in not accepted: " + e.getMessage());
            return;
        }
        synchronized (this) {
            if (boot != bootId) return;
            account = who;
            tokens = signedIn;
            grant = null;
            log.info("{}: signed in as {}", id, who.upn());
            logcat.info("signed in as " + who.upn());
            pending = deviceDelay(timing.signingIn(), () -> home(boot));
        }
    }

    /** Back to the sign-in screen with a new device code, as the phone does whenever a sign-in does not finish. */
    private void signInFailed(long boot, String why) {
        log.warn("{}: {}", id, why);
        logcat.warn(why + "; showing a new device code");
        synchronized (this) {
            if (boot != bootId) return;
            grant = null;
            enrolmentStep = null;
            enter(PhoneState.SIGN_IN);
            startSignInScreenGrant();
        }
    }

    private synchronized void home(long boot) {
        if (faults.has(PhoneFaults.Defect.SIGN_IN_NEVER_COMPLETES)) return;
        if (boot == bootId && state == PhoneState.SIGNING_IN) {
            enter(PhoneState.HOME);
            scheduleTokenRefresh(boot);
        }
    }

    // ---------------------------------------------------------------- token refresh and the password-expired prompt

    /**
     * One refresh loop per signed-in account: a new schedule replaces the previous one. The line's
     * refresh interval, or sooner when the access token expires before that: like Teams, the phone
     * refreshes at 80% of the token's lifetime (the backend's clock: not scaled).
     */
    private synchronized void scheduleTokenRefresh(long boot) {
        if (tokenRefresh != null) tokenRefresh.cancel(false);
        Duration delay = timing.tokenRefresh();
        Duration lifetime = tokens == null ? null : tokens.tokens().expiresIn();
        if (lifetime != null && lifetime.multipliedBy(4).dividedBy(5).compareTo(delay) < 0) {
            delay = lifetime.multipliedBy(4).dividedBy(5);
        }
        tokenRefresh = scheduler.schedule(() -> refreshToken(boot), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Refreshes the account's token on the line's interval; AADSTS50055 means the password expired. */
    private void refreshToken(long boot) {
        SignedInTokens current;
        synchronized (this) {
            if (boot != bootId || account == null || tokens == null || passwordPrompt != null) return;
            current = tokens;
        }
        try {
            BackendLink.Tokens fresh = backend.refresh(current.tenant(), current.tokens().refreshToken());
            synchronized (this) {
                if (boot != bootId || tokens != current) return;
                tokens = new SignedInTokens(current.tenant(), fresh);
            }
            scheduleTokenRefresh(boot);
        } catch (BackendLink.Refused e) {
            if (e.errorCodes.contains(PASSWORD_EXPIRED)) {
                passwordExpired(boot, current);
            } else {
                log.warn("{}: token refresh refused: {}", id, e.error);
                logcat.warn("token refresh refused: " + e.error);
                scheduleTokenRefresh(boot);
            }
        } catch (IOException e) {
            scheduleTokenRefresh(boot);
        }
    }

    private void passwordExpired(long boot, SignedInTokens current) {
        String upn;
        synchronized (this) {
            if (account == null) return;
            upn = account.upn();
        }
        try {
            BackendLink.Account who = backend.account(current.tokens().accessToken());
            logcat.info("account " + who.upn() + ": password expired " + who.passwordExpired());
        } catch (IOException | BackendLink.Refused e) {
            logcat.info("account not readable (" + e.getMessage() + "); asking for the password anyway");
        }
        synchronized (this) {
            if (boot != bootId || account == null) return;
            logcat.warn("AADSTS50055: the password of " + upn + " expired; asking for a new one");
            passwordPrompt = PasswordPrompt.forAccount(upn);
            enter(PhoneState.PASSWORD_EXPIRED);
        }
    }

    synchronized void typeCurrentPassword(String text) {
        if (state == PhoneState.PASSWORD_EXPIRED && !passwordPrompt.busy()) {
            passwordPrompt = passwordPrompt.withCurrent(text);
            changed();
        }
    }

    synchronized void typeNewPassword(String text) {
        if (state == PhoneState.PASSWORD_EXPIRED && !passwordPrompt.busy()) {
            passwordPrompt = passwordPrompt.withNew(text);
            changed();
        }
    }

    /** Update on the prompt: POST password; new tokens → home, a refusal → the line's message for it. */
    synchronized void updatePassword() {
        if (state != PhoneState.PASSWORD_EXPIRED || passwordPrompt.busy()) return;
        PasswordPrompt asked = passwordPrompt.submitting();
        passwordPrompt = asked;
        changed();
        long boot = bootId;
        String tenant = tokens == null ? "organizations" : tokens.tenant();
        scheduler.execute(() -> changePassword(boot, tenant, asked));
    }

    private void changePassword(long boot, String tenant, PasswordPrompt asked) {
        BackendLink.Tokens fresh = null;
        String error = null;
        try {
            fresh = backend.changePassword(asked.upn(), asked.currentPassword(), asked.newPassword());
        } catch (BackendLink.Refused e) {
            error = e.error;
        } catch (IOException e) {
            error = "unreachable";
        }
        synchronized (this) {
            if (boot != bootId || state != PhoneState.PASSWORD_EXPIRED) return;
            if (fresh == null) {
                logcat.warn("password change refused: " + error);
                passwordPrompt = asked.refused(error);
                changed();
                return;
            }
            logcat.info("password of " + asked.upn() + " changed; staying signed in");
            tokens = new SignedInTokens(tenant, fresh);
            passwordPrompt = null;
            enter(PhoneState.HOME);
            scheduleTokenRefresh(boot);
        }
    }

    // ---------------------------------------------------------------- manual sign-out

    synchronized void openSignOut() {
        if (state == PhoneState.SETTINGS && account != null) enter(PhoneState.SIGN_OUT_CONFIRM);
    }

    /**
     * Sign out, confirmed: the backend is told; the phone stays bound to its tenant (it keeps showing
     * the organization name) and shows a new device code. Only a factory reset starts over.
     */
    synchronized void confirmSignOut() {
        if (state != PhoneState.SIGN_OUT_CONFIRM) return;
        long boot = bootId;
        String upn = account.upn();
        account = null;
        tokens = null;
        grant = null;
        enter(PhoneState.SIGN_IN);
        scheduler.execute(() -> {
            try {
                backend.signedOut();
                logcat.info("signed out " + upn + " on the phone");
            } catch (IOException | BackendLink.Refused e) {
                log.warn("{}: sign-out not reported: {}", id, e.getMessage());
                logcat.warn("sign-out of " + upn + " not reported to the backend: " + e.getMessage());
            }
            synchronized (this) {
                if (boot == bootId && state == PhoneState.SIGN_IN) startSignInScreenGrant();
            }
        });
    }

    // ---------------------------------------------------------------- the admin's command channel

    private void commandLoop(long boot) {
        while (true) {
            synchronized (this) {
                if (boot != bootId || closed) return;
            }
            try {
                keepInTouch(boot); // what the backend could not take at boot is said once it is reachable again
                Optional<BackendLink.Command> command = backend.nextCommand(timing.commandWait());
                command.ifPresent(this::handle); // handled by the phone as it is now, even if this loop is from before a reboot
            } catch (IOException | BackendLink.Refused e) {
                synchronized (this) {
                    if (boot != bootId || closed) return;
                    try {
                        wait(1_000); // the backend is away: try again shortly, or stop at once on reboot
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void handle(BackendLink.Command command) {
        synchronized (this) {
            if (handledCommands.put(command.id(), Boolean.TRUE) != null) {
                return; // delivered again (at least once): already done
            }
        }
        if ("restart".equals(command.type())) {
            restart(command);
            return;
        }
        if (!"remoteSignIn".equals(command.type())) {
            answer(command, Map.of("error", "unsupported_command"));
            return;
        }
        String tenant;
        long boot;
        synchronized (this) {
            boot = bootId;
            if (state == PhoneState.BOOTING) {
                answer(command, Map.of("error", "rebooting"));
                return;
            }
            if (account != null) {
                answer(command, Map.of("error", "already_signed_in"));
                return;
            }
            if (binding == null) {
                answer(command, Map.of("error", "not_provisioned"));
                return;
            }
            tenant = binding.tenantId();
            log.info("{}: remote sign-in requested: locking the screen", id);
            grant = null;
            enter(PhoneState.REMOTE_SIGN_IN);
        }
        startGrant(boot, tenant, true, command);
    }

    /** The admin's restart (a Graph device operation): say it starts, reboot, report the outcome once up. */
    private void restart(BackendLink.Command command) {
        synchronized (this) {
            if (state == PhoneState.BOOTING) {
                answer(command, Map.of("error", "rebooting"));
                return;
            }
            restartToReport = command.id();
        }
        answer(command, Map.of());
        log.info("{}: restart requested by the admin (operation {})", id, command.id());
        logcat.info("restart requested (operation " + command.id() + ")");
        reboot();
    }

    private void reportRestart() throws IOException, BackendLink.Refused {
        String operation;
        synchronized (this) { operation = restartToReport; }
        if (operation == null) return;
        backend.reportOperation(operation, "successful");
        logcat.info("restart completed (operation " + operation + ")");
        synchronized (this) {
            if (operation.equals(restartToReport)) restartToReport = null;
        }
    }

    private void answer(BackendLink.Command command, Map<String, Object> result) {
        try {
            backend.answerCommand(command.id(), result);
        } catch (IOException | BackendLink.Refused e) {
            log.warn("{}: could not answer command {}: {}", id, command.id(), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- ADB

    @Override
    public Map<String, String> bannerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ro.product.name", model.device());
        p.put("ro.product.model", model.model());
        p.put("ro.product.device", model.device());
        return p;
    }

    @Override
    public ShellResult shell(String commandLine) {
        return shell.run(commandLine);
    }

    @Override
    public VirtualFileSystem files() { return shell.files(); }

    // ---------------------------------------------------------------- Appium

    private void enter(PhoneState next) {
        if (state != next) {
            log.debug("{}: {} -> {}", id, state, next);
            logcat.info("screen " + state + " -> " + next);
        }
        state = next;
        changed();
    }

    private void changed() {
        generation++;
        changes.publish(generation);
        notifyAll();
    }

    /** A consistent picture of what the phone shows now. */
    synchronized PhoneView view() {
        return new PhoneView(state, line, binding == null || faults.has(PhoneFaults.Defect.ORG_NAME_MISSING) ? null : binding.organizationName(), codeEntry.toString(),
                provisioningError, attemptsLeft, grant == null ? null : shownCode(grant.code().userCode()), grant != null && grant.expired(),
                grant == null ? null : grant.code().verificationUri(), account == null ? null : account.displayName(),
                account == null ? null : account.signInMode(), enrolmentStep, passwordPrompt);
    }

    /** The device login code as the screen shows it: another one with the wrongDeviceLoginCode defect. */
    private String shownCode(String userCode) {
        if (!faults.has(PhoneFaults.Defect.WRONG_DEVICE_LOGIN_CODE)) return userCode;
        String alphabet = dialtone.model.DeviceLoginCode.ALPHABET;
        StringBuilder wrong = new StringBuilder();
        for (char c : userCode.toCharArray()) {
            int at = alphabet.indexOf(Character.toUpperCase(c));
            wrong.append(at < 0 ? c : alphabet.charAt((at + 1) % alphabet.length())); // every letter one further: a valid-looking code, never the real one
        }
        return wrong.toString();
    }

    @Override
    public synchronized UiSnapshot screen() {
        return new UiSnapshot(overlay().orElseGet(() -> PhoneScreens.render(view(), this)), model.width(), model.height(), generation);
    }

    /** What a hang shows instead of the app's screen: Android's dialogs, or the launcher once Teams was force-stopped. */
    private Optional<dialtone.simulator.ui.UiNode> overlay() {
        if (state == PhoneState.BOOTING || state == PhoneState.POWERED_OFF) return Optional.empty();
        if (faults.has(PhoneFaults.Hang.SYSTEM_HUNG)) return Optional.of(PhoneScreens.systemDialog(model, "Process system isn't responding"));
        if (teamsStopped) return Optional.of(PhoneScreens.launcher(model));
        if (faults.has(PhoneFaults.Hang.PROVISIONING_CORRUPTED)) return Optional.of(PhoneScreens.systemDialog(model, "Teams keeps stopping"));
        if (faults.has(PhoneFaults.Hang.TEAMS_APP_HUNG)) return Optional.of(PhoneScreens.systemDialog(model, "Teams isn't responding"));
        return Optional.empty();
    }

    /** False while the phone is off or wedged: Appium cannot open a session (its adb does not answer). */
    @Override
    public synchronized boolean answering() {
        return state != PhoneState.POWERED_OFF && !faults.has(PhoneFaults.Hang.WEDGED);
    }




    @Override
    public void awaitScreenChange(long known, Duration timeout) throws InterruptedException {
        changes.awaitChange(known, timeout);
    }

    @Override
    public boolean awaitUiResponsive(Duration max) throws InterruptedException {
        return faults.awaitUiResponsive(max);
    }

    // ---------------------------------------------------------------- the rack's controls (faults, heartbeats, adbd auth)

    /** Faults injected into this phone; see {@link PhoneFaults}. */
    public PhoneFaults faults() { return faults; }

    /** Who this phone's adbd lets in, from its next boot on; default {@link AdbAuth#anyKey()}. */
    public void adbAuth(AdbAuth auth) { this.adbAuth = java.util.Objects.requireNonNull(auth, "auth"); }

    /** Graph's activityState for heartbeats: idle when signed in (no calls are simulated), unavailable otherwise. */
    private synchronized String activityState() {
        return state == PhoneState.HOME ? "idle" : "unavailable";
    }

    synchronized void dropAdbConnections() {
        if (adbd != null) adbd.dropConnections();
    }

    void dropBackendConnections() {
        backend.cancelLongPoll();
    }

    /** A defect was planted or cleared: what the screen shows may differ now. */
    synchronized void faultsChanged() {
        changed();
    }


    @Override
    public String shell(String command, List<String> args) {
        ShellResult r = shell.run(command + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        if (r.afterClose() != null) {
            scheduler.execute(r.afterClose());
        }
        return new String(r.stdout(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void pressKey(int androidKeycode) {
        if (androidKeycode == 4) back();
        if (androidKeycode == 67) deleteDigit();
    }

    @Override
    public Map<String, Object> deviceCapabilities() {
        return Map.of("platformVersion", line.android(), "deviceModel", model.model(),
                "deviceManufacturer", model.manufacturer(), "deviceScreenSize", model.width() + "x" + model.height());
    }
}
