package dialtone.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The seeded fault plan of a chaos run: before which test steps an infrastructure fault is injected,
 * and which phones carry a planted firmware defect for the whole run. Every decision is a function
 * of the seed and the step's place (device, test, attempt, step number), never of timing or thread
 * order, so a run with the same seed on the same rack meets the same faults.
 */
record FaultPlan(long seed, double rate) {
    /** An infrastructure fault, as the simulator's control API takes it (docs/virtual-rack.md). */
    enum InfraFault {
        DROP_ADB("dropAdb", "{\"type\":\"dropAdb\"}"),
        KILL_APPIUM_SESSION("killAppiumSession", "{\"type\":\"killAppiumSession\"}"),
        FREEZE_UI("freezeUi", "{\"type\":\"freezeUi\",\"seconds\":3}"),
        REBOOT("reboot", "{\"type\":\"reboot\"}"),
        CUT_BACKEND("cutBackend", "{\"type\":\"cutBackend\",\"seconds\":5}");

        final String wireName;
        final String body;

        InfraFault(String wireName, String body) {
            this.wireName = wireName;
            this.body = body;
        }
    }

    /** The firmware defects the simulator can plant (PhoneFaults.Defect), by their wire names. */
    static final List<String> DEFECTS = List.of("orgNameMissing", "wrongDeviceLoginCode", "signInNeverCompletes", "provisioningHangs");
    /**
     * The defects planted unless the run names others: two different ones that fail fast (a missing
     * organization name after provisioning, a lock screen code other than the admin's). The slow ones
     * make every test of their phone wait out a sign-in or provisioning budget; plant them with {@code --defects}.
     */
    static final List<String> DEFAULT_PLANTED = List.of("orgNameMissing", "wrongDeviceLoginCode");

    static final double DEFAULT_RATE = 0.10;

    FaultPlan {
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("the fault rate must be from 0 to 1, got " + rate);
    }

    /** The fault to inject before step {@code step} (1, 2, ...) of attempt {@code attempt} of {@code test} on {@code device}, if any. */
    Optional<InfraFault> before(String device, String test, int attempt, int step) {
        long h = hash(device + "|" + test + "|" + attempt + "|" + step);
        double u = (h >>> 11) * 0x1.0p-53;
        if (u >= rate) return Optional.empty();
        InfraFault[] kinds = InfraFault.values();
        return Optional.of(kinds[(int) Math.floorMod(hash("kind|" + h), (long) kinds.length)]);
    }

    /** {@code count} phones of {@code devices}, chosen by the seed, each with a defect (cycling through {@link #DEFAULT_PLANTED}). */
    Map<String, String> plantedDefects(List<String> devices, int count) {
        return plantedDefects(devices, count, DEFAULT_PLANTED);
    }

    /** As {@link #plantedDefects(List, int)}, cycling through {@code kinds} (some of {@link #DEFECTS}) instead. */
    Map<String, String> plantedDefects(List<String> devices, int count, List<String> kinds) {
        if (kinds.isEmpty() || !DEFECTS.containsAll(kinds)) {
            throw new IllegalArgumentException("defects to plant must be some of " + String.join(", ", DEFECTS) + ", got " + String.join(", ", kinds));
        }
        if (count < 0 || count > devices.size()) {
            throw new IllegalArgumentException("cannot plant defects on " + count + " of " + devices.size() + " phones");
        }
        List<String> shuffled = new ArrayList<>(devices);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, String> planted = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) planted.put(shuffled.get(i), kinds.get(i % kinds.size()));
        return planted;
    }

    private long hash(String place) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((seed + "|" + place).getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xFF);
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
