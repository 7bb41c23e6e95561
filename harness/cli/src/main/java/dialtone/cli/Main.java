package dialtone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dialtone}: run suites on a rack, or bring up the virtual rack and backend. */
@Command(name = "dialtone", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hardware-in-the-loop test harness for Teams Android desk phones.",
        subcommands = {RunCommand.class, RerunCommand.class, DoctorCommand.class, ProfileCommand.class, ReportCommand.class, SimCommand.class, GridCommand.class, RackCommand.class, BackendCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes (docs/reporting.md):%n",
        exitCodeList = {"0:every test passed or did not apply to the model / clean shutdown",
                "1:product defects: the phone or backend did the wrong thing",
                "2:only infrastructure or environment failures (ADB, Appium, lab network, tenant or account policy)",
                "3:harness error: bad arguments, a bad rack or profile file, a test defect, a crash"})
public final class Main {
    static final int ALL_PASSED = 0;
    static final int PRODUCT_DEFECTS = 1;
    static final int LAB_PROBLEMS = 2;
    static final int HARNESS_ERROR = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, args) -> {
            usage.handleParseException(e, args);
            return HARNESS_ERROR;
        });
        return cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("dialtone: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                cmd.getErr().println("  caused by: " + cause);
            }
            return HARNESS_ERROR;
        });
    }

    /** The version the jar's manifest names, or "development build" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dialtone " + version()};
        }
    }
}
