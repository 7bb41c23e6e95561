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

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        Path suiteXml = suite.endsWith(".xml") ? ws.resolve(Path.of(suite)) : ws.suite(suite);
        Path rackFile = rack == null ? ws.defaultRack() : ws.resolve(rack);
        if (!Files.isRegularFile(suiteXml)) {
            throw new IllegalArgumentException("no suite file " + suiteXml + " (suites: smoke, or a path to a suite XML)");
        }
        AllureReport report = new AllureReport(reports == null ? ws.reports() : ws.resolve(reports), ws.allureHome());

        try (LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, new LinkedHashSet<>(models),
                timeScale == null ? null : new TimeScale(timeScale), browser, System.getenv()))) {
            launcher.printEndpoints(System.out);
            launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(2));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("Rack", launcher.lab().rack().name());
            env.put("Suite", suite);
            env.put("Backend", launcher.lab().backendUrl().toString());
            env.put("Appium", launcher.lab().appiumUrl().toString());
            report.prepare(env);
            System.out.println("Running " + suiteXml + " on " + launcher.lab().devices().size() + " phone(s)...");
            RunSummary summary = launcher.with(() -> SuiteRunner.run(suiteXml, report.results(), launcher.lab()));
            summary.print(System.out);
            report.generate();
            System.out.println("Report: " + report.index());
            return summary.allPassed() ? 0 : Main.TESTS_FAILED;
        }
    }
}
