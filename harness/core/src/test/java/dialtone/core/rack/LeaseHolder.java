package dialtone.core.rack;

import dialtone.model.rack.Rack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A harness process for {@link TwoProcessLeaseTest}: leases the rack's phones as a run does, "runs
 * tests" on them for a while, and logs what it held and when, one line at a time:
 * {@code held DEVICE ACQUIRED_MS}, {@code unavailable DEVICE REASON}, {@code done DEVICE UNTIL_MS}
 * (until = the last moment it was still using the phone, just before releasing it).
 * <p>Arguments: stateDir run leaseWaitMs holdMs log device:profile...
 */
public final class LeaseHolder {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        String run = args[1];
        Duration wait = Duration.ofMillis(Long.parseLong(args[2]));
        long holdMs = Long.parseLong(args[3]);
        Path log = Path.of(args[4]);
        List<Rack.Device> devices = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            String[] d = args[i].split(":");
            devices.add(TestDevices.device(d[0], d[1], i));
        }
        try (RackPool pool = RackPool.open(TestDevices.rack("shared", devices), devices, state, run, wait, Duration.ofSeconds(5))) {
            pool.reserve();
            for (Lease l : pool.leases()) line(log, "held " + l.device() + " " + l.acquired().toEpochMilli());
            for (Rack.Device d : devices) {
                pool.unavailable(d.id()).ifPresent(why -> line(log, "unavailable " + d.id() + " " + why));
            }
            Thread.sleep(holdMs); // the run's tests on its phones (work, not a wait for state)
            long until = System.currentTimeMillis();
            for (Lease l : pool.leases()) line(log, "done " + l.device() + " " + until);
        }
    }

    private static void line(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
