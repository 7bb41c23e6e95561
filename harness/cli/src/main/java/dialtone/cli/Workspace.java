package dialtone.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where Dialtone's files are: the checkout the launcher runs from, and what the build put there. */
record Workspace(Path home) {

    static Workspace current() {
        return new Workspace(Path.of(System.getProperty("dialtone.home", ".")).toAbsolutePath().normalize());
    }

    Path defaultRack() { return home.resolve("racks/virtual.yaml"); }

    /** The device profiles directory of a checkout, relative to its home. */
    static final String PROFILES_DIR = "device-profiles";

    /** The {@code --profiles} option's directory, or the checkout's {@code device-profiles/} when it is not given. */
    Path profiles(Path option) { return option == null ? home.resolve(PROFILES_DIR) : resolve(option); }

    Path suite(String name) {
        return home.resolve("suites").resolve(name.endsWith(".xml") ? name : name + ".xml");
    }

    /** The suites under suites/ by name (suites/NAME.xml), e.g. "provisioning, smoke". */
    String suiteNames() {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(home.resolve("suites"))) {
            return String.join(", ", files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList());
        } catch (java.io.IOException e) {
            return "none found in " + home.resolve("suites");
        }
    }

    Path reports() { return home.resolve("reports"); }

    /** The failure taxonomy as Allure categories, checked in; copied into every run's results. */
    Path categories() { return home.resolve("reports/categories.json"); }

    Path stateDir() { return home.resolve(".dialtone"); }

    /** allure-commandline as the build unpacked it into harness/cli/target/allure. */
    Path allureHome() {
        String configured = System.getProperty("dialtone.allure.home");
        if (configured != null) return Path.of(configured);
        Path unpacked = home.resolve("harness/cli/target/allure");
        try (Stream<Path> dirs = Files.list(unpacked)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("allure-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("allure-commandline not found in " + unpacked + ": run ./mvnw package"));
        } catch (IOException e) {
            throw new UncheckedIOException("allure-commandline not found in " + unpacked + ": run ./mvnw package", e);
        }
    }

    Path resolve(Path p) {
        return p.isAbsolute() ? p : home.resolve(p);
    }
}
