package dialtone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dialtone}: run suites on a rack, or bring up the virtual rack and backend. */
@Command(name = "dialtone", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hardware-in-the-loop test harness for Teams Android desk phones.",
        subcommands = {RunCommand.class, SimCommand.class, BackendCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every test passed / clean shutdown", "1:a test failed or was skipped",
                "2:bad usage or a bad rack/profile file", "3:the rack or backend could not be brought up"})
public final class Main {
    static final int TESTS_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int INFRASTRUCTURE = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("dialtone: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                cmd.getErr().println("  caused by: " + cause);
            }
            return e instanceof IllegalArgumentException || e instanceof dialtone.model.yaml.YamlException ? BAD_INPUT : INFRASTRUCTURE;
        });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dialtone " + (v == null ? "development build" : v)};
        }
    }
}
