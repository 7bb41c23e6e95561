package dialtone.cli;

import dialtone.model.rack.Racks;
import dialtone.simulator.rack.RackGenerator;
import dialtone.simulator.rack.VirtualRack;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code dialtone run chaos}: the nightly on a generated virtual rack of at least 12 phones under a
 * seeded {@link FaultPlan}: about one step in ten meets an injected infrastructure fault
 * ({@link ChaosInjector}) and some phones carry a planted firmware defect for the whole run. At the
 * end it prints the {@link ChaosTally} and writes it to {@code reports/run/chaos.txt}. The options
 * are a mixin of {@code dialtone run}; they only apply to {@code run chaos}.
 */
final class ChaosRun {
    static final String NAME = "chaos";
    static final int MIN_PHONES = 12;

    @Option(names = "--seed", paramLabel = "N", description = "run chaos: the fault plan's seed (default: a random one, printed) to repeat a run")
    Long seed;

    @Option(names = "--phones", paramLabel = "N", description = "run chaos: virtual phones to generate (default and minimum: " + MIN_PHONES + ")")
    Integer phones;

    @Option(names = "--fault-rate", paramLabel = "P", description = "run chaos: share of steps that meet an infrastructure fault (default: 0.10)")
    Double faultRate;

    @Option(names = "--planted-defects", paramLabel = "N", description = "run chaos: phones with a planted firmware defect (default: 2)")
    Integer plantedDefects;

    @Option(names = "--defects", paramLabel = "NAME[,NAME...]", split = ",",
            description = "run chaos: the firmware defects to plant, cycled through (default: orgNameMissing,wrongDeviceLoginCode; also signInNeverCompletes, provisioningHangs)")
    List<String> defects;

    @Option(names = "--adb-base-port", paramLabel = "PORT", description = "run chaos: adb port of the first generated phone (default: 16000)")
    Integer adbBasePort;

    private FaultPlan plan;
    private Map<String, String> planted = Map.of();

    /** Options of {@code run chaos} given to another suite are a mistake worth saying. */
    void refuseOptionsFor(String suite) {
        if (seed != null || phones != null || faultRate != null || plantedDefects != null || defects != null || adbBasePort != null) {
            throw new IllegalArgumentException("--seed, --phones, --fault-rate, --planted-defects, --defects and --adb-base-port are options of"
                    + " `dialtone run chaos`, not of suite " + suite);
        }
    }

    /** Generates the chaos rack from {@code template} into the reports' run directory; fixes the seed. */
    Path rack(Path template, Path reports, PrintStream out) {
        int n = phones == null ? MIN_PHONES : phones;
        if (n < MIN_PHONES) throw new IllegalArgumentException("a chaos run needs at least " + MIN_PHONES + " phones, got --phones " + n);
        int planted = plantedDefects == null ? 2 : plantedDefects;
        if (planted < 0 || planted > n) throw new IllegalArgumentException("--planted-defects must be from 0 to " + n + ", got " + planted);
        if (defects != null && (defects.isEmpty() || !FaultPlan.DEFECTS.containsAll(defects))) {
            throw new IllegalArgumentException("--defects must name some of " + String.join(", ", FaultPlan.DEFECTS) + ", got " + String.join(",", defects));
        }
        plan = new FaultPlan(seed == null ? new SecureRandom().nextLong() : seed, faultRate == null ? FaultPlan.DEFAULT_RATE : faultRate);
        Path rack = RackGenerator.write(template, Racks.load(template), n, "127.0.0.1", adbBasePort == null ? 16000 : adbBasePort,
                reports.resolve("run/chaos-rack.yaml"));
        out.printf("Chaos run: seed %d (repeat with --seed %d), %d phones, fault rate %s, %d planted defect(s); rack %s%n",
                plan.seed(), plan.seed(), n, ChaosTally.percent(Math.round(plan.rate() * 1000), 1000), planted, rack);
        return rack;
    }

    /** Plants the defects, then injects faults into every step until {@link #stop()}. */
    void start(LabLauncher launcher, Path reports, PrintStream out) {
        VirtualRack rack = launcher.virtualRack().orElseThrow(() -> new IllegalStateException("a chaos run needs a virtual rack"));
        URI control = URI.create(rack.controlUrl());
        List<String> devices = launcher.lab().devices().stream().map(d -> d.id()).toList();
        ChaosInjector injector = new ChaosInjector(plan, control, ChaosInjector.ledger(reports));
        planted = plan.plantedDefects(devices, plantedDefects == null ? 2 : plantedDefects, defects == null ? FaultPlan.DEFAULT_PLANTED : defects);
        planted.forEach(injector::plant);
        planted.forEach((device, defect) -> out.println("  planted defect " + defect + " on " + device));
        try {
            Files.deleteIfExists(ChaosInjector.ledger(reports));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChaosInjector.activate(injector);
    }

    void stop() {
        ChaosInjector.activate(null);
    }

    /** Counts, prints and writes the chaos table. */
    ChaosTally finish(Path reports, PrintStream out) {
        ChaosTally tally = ChaosTally.count(RunPlan.read(reports), reports.resolve("allure-results"),
                ChaosInjector.read(ChaosInjector.ledger(reports)), planted, ChaosTally.recoveryLog(reports));
        String text = "Chaos run, seed " + plan.seed() + ", fault rate " + plan.rate() + "\n" + tally.table();
        out.println();
        out.print(text);
        try {
            Files.writeString(reports.resolve("run/chaos.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chaos table", e);
        }
        return tally;
    }
}
