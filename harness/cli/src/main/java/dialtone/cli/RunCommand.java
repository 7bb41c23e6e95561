package dialtone.cli;

import java.nio.file.Files;
import dialtone.model.rack.TimeScale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dialtone run SUITE}: bring the rack up, run the suite, write the report, print a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite (smoke, provisioning, nightly, firmware) on a rack and write the Allure report.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "suite name (suites/SUITE.xml) or path to a suite XML")
    String suite;

    @Option(names = "--rack", paramLabel = "FILE", description = "rack file (default: racks/virtual.yaml)")
    Path rack;

    @Option(names = "--model", paramLabel = "ID", description = "only phones of this profile id (repeatable)")
    List<String> models = new ArrayList<>();

    @Option(names = "--reports", paramLabel = "DIR", description = "reports directory (default: reports)")
    Path reports;

    @Option(names = "--time-scale", paramLabel = "X",
            description = "virtual phones' speed: 1.0 = real device timings, 0 < X <= 10 (default: the rack's timeScale, else 0.05)")
    Double timeScale;

    @Option(names = "--browser", paramLabel = "NAME", description = "browser for the Device Login portal: htmlunit (default) or chromium")
    String browser = System.getProperty("browser", "htmlunit");

    @Option(names = "--single-file", description = "write the report as one self-contained index.html (to mail or attach)")
    boolean singleFile;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "a line per phone while running: live (redrawn in place), lines (one per stage change), off,"
                    + " or auto: live on a terminal, lines otherwise (default: ${DEFAULT-VALUE})")
    String progress;

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        Path suiteXml = suite.endsWith(".xml") ? ws.resolve(Path.of(suite)) : ws.suite(suite);
        Path rackFile = rack == null ? ws.defaultRack() : ws.resolve(rack);
        if (!Files.isRegularFile(suiteXml)) {
            throw new IllegalArgumentException("no suite file " + suiteXml + " (suites: " + ws.suiteNames() + ", or a path to a suite XML)");
        }
        LiveProgress.Mode progressMode = progressMode(progress);
        AllureReport report = new AllureReport(reports == null ? ws.reports() : ws.resolve(reports), ws.allureHome(), ws.categories());

        try (LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, new LinkedHashSet<>(models),
                timeScale == null ? null : new TimeScale(timeScale), browser, System.getenv()))) {
            launcher.printEndpoints(System.out);
            launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(2));
            report.prepare();
            System.out.println("Running " + suiteXml + " on " + launcher.lab().devices().size() + " phone(s)...");
            RunSummary summary;
            try (LiveProgress live = LiveProgress.start(System.out, progressMode,
                    launcher.lab().devices().stream().map(d -> d.id()).toList())) {
                summary = launcher.with(() -> SuiteRunner.run(suiteXml, report.results(), launcher.lab(), live));
            }
            summary.print(System.out);
            report.writeMetadata(environment(launcher, summary), Executor.fromEnvironment(System.getenv(),
                    "Dialtone " + suiteName() + " on " + launcher.lab().rack().name()));
            report.generate(singleFile);
            System.out.println("Report: " + report.index());
            return summary.exitCode();
        }
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
