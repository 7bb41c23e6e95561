package dialtone.simulator.phone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults injected into one virtual phone, for reliability runs that must tell infrastructure
 * trouble from firmware defects. One-shot faults ({@code dropAdb}, {@code reboot}) act at once;
 * the others are state the phone consults at its hooks until they expire (on {@code clock}) or are
 * cleared: {@code freezeUi}, {@code cutBackend}, {@code slowBoot} and the firmware defects. The
 * {@link Hang}s each need one rung of the recovery ladder and no lower one to clear: a hung Teams
 * app, a hung system, a wedged phone, corrupted provisioning.
 * Every injection writes an INFO log line and a logcat line starting {@code fault injected: }, so a
 * run can count them. Thread-safe.
 */
public final class PhoneFaults {
    private static final Logger log = LoggerFactory.getLogger(PhoneFaults.class);
    /** Logcat tag of injected faults: not the firmware's own tag, so product logs stay apart. */
    static final String LOGCAT_TAG = "DialtoneFault";

    /** Firmware misbehaviour a chaos run plants; each persists until cleared. */
    public enum Defect {
        /** The sign-in screen shows no organization name although the backend bound the phone. */
        ORG_NAME_MISSING("orgNameMissing"),
        /** The account's token is accepted but the phone never leaves the signing-in screens. */
        SIGN_IN_NEVER_COMPLETES("signInNeverCompletes"),
        /** A code is accepted by the backend but the phone stays on "Provisioning..." for ever. */
        PROVISIONING_HANGS("provisioningHangs"),
        /** The sign-in and lock screens show a device login code other than the one the phone gave the backend (fails fast). */
        WRONG_DEVICE_LOGIN_CODE("wrongDeviceLoginCode");

        private final String wireName;

        Defect(String wireName) { this.wireName = wireName; }

        public String wireName() { return wireName; }

        public static Optional<Defect> named(String name) {
            return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
        }

        public static String names() {
            return Arrays.stream(values()).map(Defect::wireName).collect(Collectors.joining(", "));
        }
    }

    /**
     * A phone that stopped being usable, each cleared by exactly one rung of the recovery ladder (and
     * the rungs above it): lower rungs do not help. Each persists until cleared or until what clears it.
     */
    public enum Hang {
        /** The Teams app shows "isn't responding": a new Appium session sees only the dialog; force-stop and start clears it. */
        TEAMS_APP_HUNG("teamsAppHung", "a force-stop of the Teams app"),
        /** The system shows "isn't responding": restarting Teams does not help; a reboot clears it. */
        SYSTEM_HUNG("systemHung", "a reboot"),
        /** ADB and Appium dead (no adbd, no sessions), so nothing can reboot it; only a power cycle clears it. */
        WEDGED("wedged", "a power cycle"),
        /** Teams keeps stopping at every start, across reboots and power cycles; only a factory reset clears it. */
        PROVISIONING_CORRUPTED("provisioningCorrupted", "a factory reset");

        private final String wireName;
        private final String clearedBy;

        Hang(String wireName, String clearedBy) {
            this.wireName = wireName;
            this.clearedBy = clearedBy;
        }

        public String wireName() { return wireName; }

        /** What clears it, for logs and the docs. */
        public String clearedBy() { return clearedBy; }

        public static Optional<Hang> named(String name) {
            return Arrays.stream(values()).filter(h -> h.wireName.equals(name)).findFirst();
        }
    }

    /**
     * A fault in effect, in the shape it was injected ({@code type} plus e.g. {@code factor} or the defect's
     * {@code name}); {@code expires} is empty while it lasts until cleared.
     */
    public record Active(String type, Optional<Instant> expires, Map<String, Object> details) {}

    private final VirtualPhone phone;
    private final Clock clock;
    private Instant frozenUntil;
    private Instant cutUntil;    // Instant.MAX: until cleared
    private double slowBootFactor = 1;
    private final Set<Defect> defects = EnumSet.noneOf(Defect.class);
    private final Set<Hang> hangs = EnumSet.noneOf(Hang.class);

    PhoneFaults(VirtualPhone phone, Clock clock) {
        this.phone = phone;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- injecting

    /** Drops the phone's open ADB connections; adbd keeps listening, new connections work. */
    public void dropAdb() {
        injected("dropAdb");
        phone.dropAdbConnections();
    }

    /** Reboots unprompted: ADB drops, Appium sessions end, the phone boots (for its boot time, slowed if so). */
    public void reboot() {
        injected("reboot");
        phone.reboot();
    }

    /** The UI stops answering for {@code duration}: Appium commands waiting on it get {@code timeout}. */
    public synchronized void freezeUi(Duration duration) {
        injected("freezeUi " + duration.toSeconds() + " s");
        frozenUntil = clock.instant().plus(duration);
        notifyAll();
    }

    /** Every backend call fails as a network error, for {@code duration} or (empty) until cleared. */
    public void cutBackend(Optional<Duration> duration) {
        synchronized (this) {
            injected("cutBackend " + duration.map(d -> d.toSeconds() + " s").orElse("until cleared"));
            cutUntil = duration.map(d -> clock.instant().plus(d)).orElse(Instant.MAX);
        }
        phone.dropBackendConnections();
    }

    /** Following boots take {@code factor} times the phone's boot time. */
    public synchronized void slowBoot(double factor) {
        if (!(factor >= 1 && factor <= 100)) {
            throw new IllegalArgumentException("slowBoot factor must be between 1 and 100, found " + factor);
        }
        injected("slowBoot x" + factor);
        slowBootFactor = factor;
    }

    public void defect(Defect defect) {
        synchronized (this) {
            injected("defect " + defect.wireName());
            defects.add(defect);
        }
        phone.faultsChanged(); // outside our lock: the phone calls into us under its own
    }

    /** The phone stops being usable in the way {@code hang} says, until what clears it (or a DELETE). */
    public void hang(Hang hang) {
        synchronized (this) {
            injected(hang.wireName());
            hangs.add(hang);
        }
        if (hang == Hang.WEDGED) phone.wedge();
        phone.faultsChanged();
    }

    /** Logs an injected fault where a run counts them (also used for faults the rack applies, e.g. killing Appium sessions). */
    public void injected(String what) {
        log.info("fault injected: {} {}", phone.id(), what);
        phone.logcat.log('W', LOGCAT_TAG, "fault injected: " + what);
    }

    // ---------------------------------------------------------------- listing and clearing

    public synchronized List<Active> active() {
        Instant now = clock.instant();
        List<Active> active = new ArrayList<>();
        if (frozenUntil != null && now.isBefore(frozenUntil)) {
            active.add(new Active("freezeUi", Optional.of(frozenUntil), Map.of()));
        }
        if (cutUntil != null && now.isBefore(cutUntil)) {
            active.add(new Active("cutBackend", cutUntil.equals(Instant.MAX) ? Optional.empty() : Optional.of(cutUntil), Map.of()));
        }
        if (slowBootFactor != 1) {
            active.add(new Active("slowBoot", Optional.empty(), Map.of("factor", slowBootFactor)));
        }
        for (Defect d : defects) {
            active.add(new Active("defect", Optional.empty(), Map.of("name", d.wireName())));
        }
        for (Hang h : hangs) {
            active.add(new Active(h.wireName(), Optional.empty(), Map.of()));
        }
        return active;
    }

    /** The names {@link #clear(String)} takes. */
    public static List<String> clearableTypes() {
        List<String> types = new ArrayList<>(List.of("freezeUi", "cutBackend", "slowBoot", "defect"));
        Arrays.stream(Defect.values()).map(Defect::wireName).forEach(types::add);
        Arrays.stream(Hang.values()).map(Hang::wireName).forEach(types::add);
        return types;
    }

    /**
     * Clears one fault: {@code freezeUi}, {@code cutBackend}, {@code slowBoot}, a defect's name, or
     * {@code defect} for every defect. Clearing one that is not in effect changes nothing.
     *
     * @throws IllegalArgumentException for a name that is none of these
     */
    public void clear(String type) {
        boolean unwedged;
        synchronized (this) {
            unwedged = type.equals(Hang.WEDGED.wireName()) && hangs.contains(Hang.WEDGED);
            clearLocked(type);
        }
        if (unwedged) phone.wedgeCleared();
        phone.faultsChanged();
    }

    private void clearLocked(String type) {
        switch (type) {
            case "freezeUi" -> frozenUntil = null;
            case "cutBackend" -> cutUntil = null;
            case "slowBoot" -> slowBootFactor = 1;
            case "defect" -> defects.clear();
            case "teamsAppHung", "systemHung", "wedged", "provisioningCorrupted" -> hangs.remove(Hang.named(type).orElseThrow());
            default -> defects.remove(Defect.named(type).orElseThrow(() -> new IllegalArgumentException(
                    "unknown fault type '" + type + "' (known: " + String.join(", ", clearableTypes()) + ")")));
        }
        log.info("fault cleared: {} {}", phone.id(), type);
        notifyAll();
    }

    public void clearAll() {
        boolean unwedged;
        synchronized (this) {
            unwedged = hangs.contains(Hang.WEDGED);
            frozenUntil = null;
            cutUntil = null;
            slowBootFactor = 1;
            defects.clear();
            hangs.clear();
            log.info("faults cleared: {}", phone.id());
            notifyAll();
        }
        if (unwedged) phone.wedgeCleared();
        phone.faultsChanged();
    }

    // ---------------------------------------------------------------- what the phone consults

    synchronized boolean backendCut() {
        return cutUntil != null && clock.instant().isBefore(cutUntil);
    }

    synchronized Duration bootTime(Duration normal) {
        return slowBootFactor == 1 ? normal : Duration.ofMillis(Math.round(normal.toMillis() * slowBootFactor));
    }

    synchronized boolean has(Hang hang) {
        return hangs.contains(hang);
    }

    /** What cleared {@code cleared} (a force-stop, a boot, a power-off, a factory reset) happened: those hangs are gone. */
    synchronized void recovered(Set<Hang> cleared) {
        for (Hang h : cleared) {
            if (hangs.remove(h)) {
                log.info("fault cleared by {}: {} {}", h.clearedBy(), phone.id(), h.wireName());
                phone.logcat.log('I', LOGCAT_TAG, "fault cleared: " + h.wireName());
            }
        }
    }

    synchronized boolean has(Defect defect) {
        return defects.contains(defect);
    }

    /** Waits while the UI is frozen, at most {@code max}; true once it answers again. */
    synchronized boolean awaitUiResponsive(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (frozenUntil != null) {
            long frozenMillis = Duration.between(clock.instant(), frozenUntil).toMillis();
            if (frozenMillis <= 0) {
                frozenUntil = null;
                break;
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            wait(Math.min(frozenMillis, leftMillis));
        }
        return true;
    }
}
