package dialtone.cli;

import dialtone.core.phone.Adb;
import dialtone.core.rack.Health;
import dialtone.core.rack.HealthHistory;
import dialtone.core.rack.Lease;
import dialtone.core.rack.LeaseDirectory;
import dialtone.core.rack.RackPool;
import dialtone.core.rack.Transition;
import dialtone.model.profile.DeviceProfile;
import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dialtone rack}: each phone's reachability, model, firmware, allocation and health; with
 * {@code --history} each phone's health transitions and flake rate; {@code --maintenance} and
 * {@code --end-maintenance} take a phone out of and back into service.
 */
@Command(name = "rack", mixinStandardHelpOptions = true,
        description = "Show the rack's phones (reachable, model, firmware, allocation, health), their health history,"
                + " or put a phone into or out of maintenance.")
final class RackCommand implements Callable<Integer> {
    @Option(names = "--rack", paramLabel = "FILE", description = "rack file (default: racks/virtual.yaml)")
    Path rack;

    @Option(names = "--history", description = "each phone's health transitions and flake rate (infrastructure failures per test attempt)")
    boolean history;

    @Option(names = "--maintenance", paramLabel = "ID", description = "put the phone into maintenance: no run leases it until --end-maintenance")
    String maintenance;

    @Option(names = "--end-maintenance", paramLabel = "ID", description = "put the phone back into service (health unknown until the next preflight)")
    String endMaintenance;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (required with --maintenance and --end-maintenance)")
    String reason;

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        Rack r = Racks.load(rack == null ? ws.defaultRack() : ws.resolve(rack));
        Path state = RackPool.stateDir(r, System.getenv());
        HealthHistory healthHistory = new HealthHistory(RackPool.historyFile(state));
        if (maintenance != null || endMaintenance != null) {
            return setMaintenance(r, healthHistory, System.out);
        }
        HealthHistory.Entries entries = healthHistory.read();
        if (history) {
            printHistory(r, entries, System.out);
        } else {
            DeviceProfiles profiles = DeviceProfiles.loadDirectory(ws.profiles(null));
            printStatus(r, profiles, entries, new LeaseDirectory(RackPool.leasesDir(state), RackPool.DEFAULT_LEASE_TTL, Clock.systemUTC()), System.out);
        }
        entries.problems().forEach(p -> System.out.println("warning: " + p));
        System.out.println("State: " + state);
        return 0;
    }

    private int setMaintenance(Rack r, HealthHistory healthHistory, PrintStream out) {
        if (maintenance != null && endMaintenance != null) {
            throw new IllegalArgumentException("give either --maintenance or --end-maintenance, not both");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--reason TEXT is required: the health history keeps why a phone went out of or back into service");
        }
        String id = maintenance != null ? maintenance : endMaintenance;
        r.device(id); // an unknown id fails naming the rack
        Health now = healthHistory.read().health(id);
        Health to = maintenance != null ? Health.MAINTENANCE : Health.UNKNOWN;
        if (maintenance == null && now != Health.MAINTENANCE) {
            throw new IllegalArgumentException(id + " is not in maintenance (health " + now.name().toLowerCase(Locale.ROOT) + ")");
        }
        if (now == to) {
            out.println(id + " is already in maintenance");
            return 0;
        }
        healthHistory.append(new Transition(Instant.now(), id, "person " + System.getProperty("user.name", "?"), now, to, reason));
        out.println(id + ": " + now.name().toLowerCase(Locale.ROOT) + " -> " + to.name().toLowerCase(Locale.ROOT) + " (" + reason + ")"
                + (to == Health.MAINTENANCE ? "; a run holding it now keeps it until it ends" : ""));
        return 0;
    }

    static void printStatus(Rack r, DeviceProfiles profiles, HealthHistory.Entries entries, LeaseDirectory leases, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DEVICE", "PROFILE", "ADB", "REACHABLE", "MODEL", "FIRMWARE", "ALLOCATION", "HEALTH"});
        Instant now = Instant.now();
        for (Rack.Device d : r.devices()) {
            DeviceProfile profile = profiles.get(d.profile());
            String reachable = "no", model = "-", firmware = "-";
            try (Adb adb = new Adb(d.adb())) {
                if (adb.reachable()) {
                    reachable = "yes";
                    model = orDash(() -> adb.property("ro.product.model"));
                    firmware = orDash(() -> adb.property(profile.firmware().property()));
                }
            }
            String allocation;
            try {
                Optional<Lease> lease = leases.read(d.id());
                allocation = lease.filter(l -> !l.expiredAt(now)).map(l -> "leased by run " + l.holder().run() + " on " + l.holder().host())
                        .orElse("idle");
            } catch (LeaseDirectory.LeaseFileException e) {
                allocation = "lease file unreadable";
            }
            Health health = entries.health(d.id());
            String h = health.name().toLowerCase(Locale.ROOT)
                    + (health == Health.BAD || health == Health.MAINTENANCE ? " (" + entries.healthReason(d.id()).orElse("") + ")" : "");
            rows.add(new String[] {d.id(), d.profile(), d.adb().toString(), reachable, model, firmware, allocation, h});
        }
        out.print(columns(rows));
    }

    static void printHistory(Rack r, HealthHistory.Entries entries, PrintStream out) {
        for (Rack.Device d : r.devices()) {
            out.println(d.id() + "  health " + entries.health(d.id()).name().toLowerCase(Locale.ROOT)
                    + ", flake rate " + entries.flakeRate(d.id()));
            for (Transition t : entries.transitions(d.id())) {
                out.println("  " + t.at() + "  " + t.from().name().toLowerCase(Locale.ROOT) + " -> " + t.to().name().toLowerCase(Locale.ROOT)
                        + "  " + t.reason() + "  [" + t.run() + "]");
            }
        }
    }

    private static String orDash(java.util.function.Supplier<String> read) {
        try {
            String v = read.get();
            return v.isBlank() ? "-" : v;
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String columns(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(width[i] - row[i].length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
