package dialtone.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dialtone rerun}: runs the tests of the last run's plan that have no finished result (the
 * run was killed, crashed or lost power) on the same rack with the same options, adding their
 * results to the run's, so its report shows the whole run.
 */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = "Run the tests of the last run (reports/run/plan.json) that have no finished result, on the same rack"
                + " with the same options, and add their results to the run's report.")
final class RerunCommand implements Callable<Integer> {
    @Option(names = "--reports", paramLabel = "DIR", description = "reports directory of the run (default: reports)")
    Path reports;

    @Option(names = "--single-file", description = "write the report as one self-contained index.html")
    boolean singleFile;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "a line per phone while running: live, lines, off or auto (default: ${DEFAULT-VALUE})")
    String progress;

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        Path reportsDir = reports == null ? ws.reports() : ws.resolve(reports);
        RunPlan plan = RunPlan.read(reportsDir);
        List<RunPlan.PlannedTest> unfinished = plan.unfinished(new AllureReport(reportsDir, ws.allureHome(), ws.categories()).results());
        if (unfinished.isEmpty()) {
            System.out.println("Nothing to rerun: every one of the " + plan.tests().size() + " planned tests of " + plan.suite()
                    + " (started " + plan.started() + ") has a finished result in " + reportsDir + ".");
            return Main.ALL_PASSED;
        }
        System.out.println(unfinished.size() + " of " + plan.tests().size() + " planned tests have no finished result:");
        unfinished.forEach(t -> System.out.println("  " + t.key()));
        RunCommand run = new RunCommand();
        run.suite = plan.suite();
        run.rack = Path.of(plan.rack());
        run.models = new ArrayList<>(plan.models());
        run.reports = reportsDir;
        run.timeScale = plan.timeScale();
        run.browser = plan.browser();
        run.expectFirmware = new ArrayList<>(plan.expectFirmware());
        run.soakCycles = plan.soakCycles();
        run.profiles = plan.profiles() == null ? null : Path.of(plan.profiles());
        run.singleFile = singleFile;
        run.progress = progress;
        run.rerun = unfinished;
        return run.call();
    }
}
