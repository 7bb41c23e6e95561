package dialtone.cli;

import dialtone.model.profile.DeviceProfiles;
import dialtone.model.rack.Rack;
import dialtone.model.rack.Racks;
import dialtone.model.rack.Secret;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dialtone doctor}: checks the lab host and a rack before a run, one line per check with what
 * to fix (docs/lab-setup.md explains each). A virtual rack is started the way {@code run} starts it.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the lab host and a rack: Java, the rack file, each phone (ADB, model, firmware, Teams app),"
                + " Appium or Grid, the backend and tenant, the account passwords. One line per check; docs/lab-setup.md says what to do.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "2:a check failed (the lab, not the product)", "3:the rack or a profile file is bad"})
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--rack", paramLabel = "FILE", description = "rack file (default: racks/virtual.yaml)")
    Path rack;

    @Option(names = "--profiles", paramLabel = "DIR", description = "device profiles directory (default: device-profiles)")
    Path profiles;

    /** The environment the rack's secrets are read from. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        Path rackFile = rack == null ? ws.defaultRack() : ws.resolve(rack);
        Path profilesDir = ws.profiles(profiles);
        PrintStream out = System.out;
        List<Doctor.Check> checks = new ArrayList<>();

        checks.add(print(out, Doctor.java()));
        Rack r;
        try {
            r = Racks.load(rackFile);
            print(out, Doctor.Check.ok("rack", rackFile + ": " + r.name() + ", " + r.devices().size() + " phone(s), "
                    + r.accounts().size() + " account(s)" + (r.virtual() ? ", virtual" : "")));
        } catch (RuntimeException e) {
            print(out, Doctor.Check.fail("rack", e.getMessage(), "fix the rack file (racks/lab-example.yaml explains every key)"));
            return Main.HARNESS_ERROR;
        }
        DeviceProfiles loaded;
        try {
            loaded = DeviceProfiles.loadDirectory(profilesDir);
        } catch (RuntimeException e) {
            print(out, Doctor.Check.fail("profiles", e.getMessage(), "fix the profile (docs/profiles.md explains every key)"));
            return Main.HARNESS_ERROR;
        }
        Doctor.Check profileCheck = print(out, Doctor.profiles(r, loaded));
        if (!profileCheck.ok()) {
            return Main.HARNESS_ERROR;
        }

        Doctor doctor = new Doctor();
        if (r.backend().embedded() || r.appium().embedded()) {
            out.println("      starting the virtual rack as `run` would...");
            try (LabLauncher launcher = LabLauncher.start(new LabLauncher.Options(ws.home(), rackFile, Set.of(), null, "htmlunit",
                    environment, profilesDir))) {
                launcher.awaitVirtualPhonesBooted(Duration.ofMinutes(2));
                Doctor.Target target = new Doctor.Target(r, loaded, launcher.lab().backendUrl(), Optional.of(launcher.adminToken()),
                        launcher.lab().appiumUrl(), r.backend().embedded(), environment);
                doctor.all(target).forEach(c -> checks.add(print(out, c)));
            }
        } else {
            Optional<String> token = r.backend().adminToken().filter(s -> s.isAvailable(environment)).flatMap(this::resolve);
            Doctor.Target target = new Doctor.Target(r, loaded, r.backend().url().orElseThrow(), token, r.appium().url().orElseThrow(),
                    false, environment);
            doctor.all(target).forEach(c -> checks.add(print(out, c)));
        }
        long failed = checks.stream().filter(c -> !c.ok()).count();
        out.println(failed == 0 ? "All " + checks.size() + " checks passed."
                : failed + " of " + checks.size() + " checks failed (" + Doctor.GUIDE + " explains each line).");
        return failed == 0 ? Main.ALL_PASSED : Main.LAB_PROBLEMS;
    }

    private Optional<String> resolve(Secret s) {
        try {
            return Optional.of(s.resolve(environment));
        } catch (IllegalStateException e) {
            return Optional.empty(); // an empty token file: the tenant line says so
        }
    }

    private static Doctor.Check print(PrintStream out, Doctor.Check c) {
        out.println(c.line());
        return c;
    }
}
