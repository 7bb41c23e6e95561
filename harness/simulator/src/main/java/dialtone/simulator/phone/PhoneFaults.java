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
 * cleared: {@code freezeUi}, {@code cutBackend}, {@code slowBoot} and the firmware defects.
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
        PROVISIONING_HANGS("provisioningHangs");

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
        return active;
    }

    /** The names {@link #clear(String)} takes. */
    public static List<String> clearableTypes() {
        List<String> types = new ArrayList<>(List.of("freezeUi", "cutBackend", "slowBoot", "defect"));
        Arrays.stream(Defect.values()).map(Defect::wireName).forEach(types::add);
        return types;
    }

    /**
     * Clears one fault: {@code freezeUi}, {@code cutBackend}, {@code slowBoot}, a defect's name, or
     * {@code defect} for every defect. Clearing one that is not in effect changes nothing.
     *
     * @throws IllegalArgumentException for a name that is none of these
     */
    public void clear(String type) {
        synchronized (this) {
            clearLocked(type);
        }
        phone.faultsChanged();
    }

    private void clearLocked(String type) {
        switch (type) {
            case "freezeUi" -> frozenUntil = null;
            case "cutBackend" -> cutUntil = null;
            case "slowBoot" -> slowBootFactor = 1;
            case "defect" -> defects.clear();
            default -> defects.remove(Defect.named(type).orElseThrow(() -> new IllegalArgumentException(
                    "unknown fault type '" + type + "' (known: " + String.join(", ", clearableTypes()) + ")")));
        }
        log.info("fault cleared: {} {}", phone.id(), type);
        notifyAll();
    }

    public void clearAll() {
        synchronized (this) {
            frozenUntil = null;
            cutUntil = null;
            slowBootFactor = 1;
            defects.clear();
            log.info("faults cleared: {}", phone.id());
            notifyAll();
        }
        phone.faultsChanged();
    }

    // ---------------------------------------------------------------- what the phone consults

    synchronized boolean backendCut() {
        return cutUntil != null && clock.instant().isBefore(cutUntil);
    }

    synchronized Duration bootTime(Duration normal) {
        return slowBootFactor == 1 ? normal : Duration.ofMillis(Math.round(normal.toMillis() * slowBootFactor));
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
