package dialtone.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dialtone report}: generate the HTML report again from the last run's raw results. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Generate the Allure report again from the raw results of the last run (reports/allure-results),"
                + " e.g. as a single file to mail.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--reports", paramLabel = "DIR", description = "reports directory (default: reports)")
    Path reports;

    @Option(names = "--single-file", description = "write the report as one self-contained index.html")
    boolean singleFile;

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        AllureReport report = new AllureReport(reports == null ? ws.reports() : ws.resolve(reports), ws.allureHome(), ws.categories());
        report.regenerate(singleFile);
        System.out.println("Report: " + report.index());
        return Main.ALL_PASSED;
    }
}
