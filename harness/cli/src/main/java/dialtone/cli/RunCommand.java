package dialtone.cli;

import dialtone.core.rack.RackPool;
import dialtone.model.rack.TimeScale;
import dialtone.suites.firmware.FirmwareExpectations;
import dialtone.suites.soak.SoakTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.testng.ITestNGListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dialtone run SUITE}: bring the rack up, run the suite, write the report, print a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite (smoke, provisioning, firmware, soak, nightly) on a rack and write the Allure report;"
                + " `run chaos`: the nightly on a generated virtual rack of 12+ phones with seeded injected faults (docs/reliability.md).")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "suite name (suites/SUITE.xml) or path to a suite XML")
    String suite;

    @Option(names = "--rack", paramLabel = "FILE", description = "rack file (default: racks/virtual.yaml)")
    Path rack;

    @Option(names = "--model", paramLabel = "ID", description = "only phones of this profile id (repeatable)")
    List<String> models = new ArrayList<>();

    @Option(names = "--profiles", paramLabel = "DIR", description = "device profiles directory (default: device-profiles), e.g. one written by `profile capture`")
    Path profiles;

    @Option(names = "--reports", paramLabel = "DIR", description = "reports directory (default: reports)")
    Path reports;

    @Option(names = "--time-scale", paramLabel = "X",
            description = "virtual phones' speed: 1.0 = real device timings, 0 < X <= 10 (default: the rack's timeScale, else 0.05)")
    Double timeScale;

    @Option(names = "--browser", paramLabel = "NAME", description = "browser for the Device Login portal: htmlunit (default) or chromium")
    String browser = System.getProperty("browser", "htmlunit");

    @Option(names = "--single-file", description = "write the report as one self-contained index.html (to mail or attach)")
    boolean singleFile;

    @Option(names = "--expect-firmware", paramLabel = "MODEL=VERSION",
            description = "the firmware the build puts on a model (repeatable), checked by the firmware suite;"
                    + " MODEL is a profile id (poly-ccx600) or a model name (\"CCX 600\"). A model without one is"
                    + " only checked for the same versions over ADB and in the backend inventory")
    List<String> expectFirmware = new ArrayList<>();

    @Option(names = "--soak-cycles", paramLabel = "N",
            description = "provision / sign-in / reset cycles per phone in the soak suite (default: " + SoakTest.DEFAULT_CYCLES + ")")
    Integer soakCycles;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "a line per phone while running: live (redrawn in place), lines (one per stage change), off,"
                    + " or auto: live on a terminal, lines otherwise (default: ${DEFAULT-VALUE})")
    String progress;

    @Mixin
    ChaosRun chaos = new ChaosRun();

    static final String DEFAULT_LEASE_WAIT = "3m";

    @Option(names = "--lease-wait", paramLabel = "DURATION", defaultValue = DEFAULT_LEASE_WAIT,
            description = "how long to wait for phones another run holds (e.g. 90s, 3m, 0 = not at all); after it their tests"
                    + " move to a free phone of the same model or are skipped as infrastructure (default: ${DEFAULT-VALUE})")
    String leaseWait = DEFAULT_LEASE_WAIT; // also when dialtone rerun builds the command without picocli

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        boolean chaosRun = ChaosRun.NAME.equals(suite);
        if (!chaosRun) chaos.refuseOptionsFor(suite);
        Path suiteXml = chaosRun ? ws.suite("nightly") : suite.endsWith(".xml") ? ws.resolve(Path.of(suite)) : ws.suite(suite);
        Path rackFile = rack == null ? ws.defaultRack() : ws.resolve(rack);
        if (!Files.isRegularFile(suiteXml)) {
            throw new IllegalArgumentException("no suite file " + suiteXml + " (suites: " + ws.suiteNames() + ", or a path to a suite XML)");
        }
        SuiteRunner.missingSuiteFiles(suiteXml);
        Duration waitForPhones = RunIds.duration("--lease-wait", leaseWait);
        LiveProgress.Mode progressMode = progressMode(progress);
        FirmwareExpectations expectations = FirmwareExpectations.parse(expectFirmware);
        Map<String, String> parameters = suiteParameters(expectations);
        Path reportsDir = reports == null ? ws.reports() : ws.resolve(reports);
        RunLog.writeTo(reportsDir);
        AllureReport report = new AllureReport(reportsDir, ws.allureHome(), ws.categories());
        if (chaosRun) rackFile = chaos.rack(rackFile, reportsDir, System.out);

        try (LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, new LinkedHashSet<>(models),
                timeScale == null ? null : new TimeScale(timeScale), browser, System.getenv(), profiles == null ? null : ws.resolve(profiles)))) {
            launcher.printEndpoints(System.out);
            List<String> unmatched = expectations.unmatched(launcher.lab().devices().stream().map(launcher.lab()::profile).toList());
            if (!unmatched.isEmpty()) {
                throw new IllegalArgumentException("--expect-firmware names " + String.join(", ", unmatched)
                        + ", which is no profile id or model name of the rack's phones ("
                        + launcher.lab().devices().stream().map(d -> launcher.lab().profile(d).id() + " = " + launcher.lab().profile(d).model())
                                .distinct().collect(Collectors.joining(", ")) + ")");
            }
            launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(2));
            String run = RunIds.next();
            System.out.println("Run " + run + ": leasing and preflighting the phones...");
            RackPool pool = launcher.reserve(run, waitForPhones, RackPool.DEFAULT_LEASE_TTL, System.getenv(), System.out);
            List<ITestNGListener> listeners = new ArrayList<>();
            if (rerun == null) {
                report.prepare();
                plan(suiteXml, rackFile, launcher).write(reportsDir);
                System.out.println("Running " + suiteXml + " on " + launcher.lab().devices().size() + " phone(s)...");
                if (chaosRun) chaos.start(launcher, reportsDir, System.out);
            } else {
                listeners.add(new UnfinishedOnly(RunPlan.keys(rerun)));
                System.out.println("Rerunning " + rerun.size() + " unfinished test(s) of " + suiteXml + "...");
            }
            // the metadata first, so the results of a run that dies can still be reported with their categories
            report.writeMetadata(environment(launcher, new RunSummary()), executor(launcher));
            RunSummary summary;
            try (LiveProgress live = LiveProgress.start(System.out, progressMode,
                    launcher.lab().devices().stream().map(d -> d.id()).toList())) {
                summary = launcher.with(() -> SuiteRunner.run(suiteXml, parameters, report.results(), launcher.lab(), live, listeners));
            } finally {
                chaos.stop();
            }
            summary.print(System.out);
            summary.tallies().forEach((device, t) -> pool.recordTests(device, t[0], t[1]));
            if (chaosRun) chaos.finish(reportsDir, System.out);
            report.writeMetadata(environment(launcher, summary), executor(launcher));
            report.generate(singleFile);
            System.out.println("Report: " + report.index());
            return summary.exitCode();
        }
    }

    /** Set by {@code dialtone rerun}: only these tests of the plan run, their results join those already in the reports. */
    List<RunPlan.PlannedTest> rerun;

    /** What this run sets out to do, with the options a rerun needs to do the rest the same way. */
    private RunPlan plan(Path suiteXml, Path rackFile, LabLauncher launcher) {
        return new RunPlan(suiteXml.toAbsolutePath().toString(), rackFile.toAbsolutePath().toString(), List.copyOf(models), timeScale, browser,
                List.copyOf(expectFirmware), soakCycles, profiles == null ? null : Workspace.current().resolve(profiles).toAbsolutePath().toString(),
                Instant.now().toString(),
                RunPlan.plannedTests(suiteXml, launcher.lab().devices().stream().map(d -> d.id()).toList()));
    }

    private Executor executor(LabLauncher launcher) {
        return Executor.fromEnvironment(System.getenv(), "Dialtone " + suiteName() + " on " + launcher.lab().rack().name());
    }

    /** The TestNG parameters the options give every suite of the run (suites read those they know). */
    private Map<String, String> suiteParameters(FirmwareExpectations expectations) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!expectations.isEmpty()) {
            parameters.put(FirmwareExpectations.PARAMETER, expectations.toParameter());
        }
        if (soakCycles != null) {
            if (soakCycles < 1) {
                throw new IllegalArgumentException("--soak-cycles must be 1 or more, got " + soakCycles);
            }
            parameters.put(SoakTest.CYCLES, soakCycles.toString());
        }
        return parameters;
    }

    private String suiteName() {
        String name = Path.of(suite).getFileName().toString();
        return name.endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
    }

    /** What Allure shows under Environment: where the run ran and which models and firmware it met. */
    private Map<String, String> environment(LabLauncher launcher, RunSummary summary) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Suite", suiteName());
        env.put("Rack", launcher.lab().rack().name() + " (" + launcher.lab().rack().source() + ")");
        env.put("Backend", launcher.lab().backendUrl().toString());
        env.put("Appium", launcher.lab().appiumUrl().toString());
        env.put("Dialtone", Main.version());
        env.put("Java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("Models", String.join(", ", summary.firmwareByModel().keySet()));
        summary.firmwareByModel().forEach((model, firmware) -> env.put("Firmware " + model, firmware));
        return env;
    }

    static LiveProgress.Mode progressMode(String value) {
        return switch (value) {
            case "auto" -> LiveProgress.Mode.auto();
            case "live" -> LiveProgress.Mode.LIVE;
            case "lines" -> LiveProgress.Mode.LINES;
            case "off" -> LiveProgress.Mode.OFF;
            default -> throw new IllegalArgumentException("--progress must be auto, live, lines or off, got '" + value + "'");
        };
    }
}
