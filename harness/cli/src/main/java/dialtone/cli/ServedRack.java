package dialtone.cli;

import dialtone.core.lab.Lab;
import dialtone.model.SignInMode;
import dialtone.model.rack.Rack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The rack file that lets runs in other processes share the phones a {@code dialtone sim} serves:
 * the same name and devices (so the runs lease the same phones), the sim's backend and Appium
 * server as URLs, and the admin token and account passwords as files of mode 600 in the state
 * directory (never in the rack file).
 */
final class ServedRack {
    private ServedRack() {}

    static Path write(Lab lab, String adminToken, Path stateDir, Path out) {
        return write(lab, adminToken, stateDir, out, Optional.empty());
    }

    /**
     * With a Selenium Grid ({@code dialtone grid up}): {@code appium} is the hub and every device names
     * the sim's Appium server as its {@code appiumServer}, the server the Grid relays its sessions to.
     */
    static Path write(Lab lab, String adminToken, Path stateDir, Path out, Optional<URI> grid) {
        Rack rack = lab.rack();
        try {
            Path secrets = stateDir.toAbsolutePath().resolve("served-" + rack.name());
            Files.createDirectories(secrets);
            StringBuilder y = new StringBuilder();
            y.append("# Served by `dialtone ").append(grid.isPresent() ? "grid up" : "sim").append("` (pid ").append(ProcessHandle.current().pid())
                    .append(") while it runs: runs in other processes share these phones through leases (docs/reliability.md).\n");
            y.append("name: ").append(rack.name()).append('\n');
            rack.stateDir().ifPresent(d -> y.append("stateDir: ").append(d.toAbsolutePath()).append('\n'));
            y.append("backend:\n  url: ").append(lab.backendUrl()).append("\n  tenant: ").append(rack.backend().tenant())
                    .append("\n  adminTokenFile: ").append(secret(secrets.resolve("admin-token"), adminToken)).append('\n');
            y.append("appium: ").append(grid.orElse(lab.appiumUrl())).append('\n');
            y.append("devices:\n");
            for (Rack.Device d : rack.devices()) {
                y.append("  - id: ").append(d.id()).append("\n    profile: ").append(d.profile()).append("\n    adb: ").append(d.adb()).append('\n');
                d.mac().ifPresent(m -> y.append("    mac: ").append(m).append('\n'));
                d.firmware().ifPresent(f -> y.append("    firmware: ").append(f).append('\n'));
                if (grid.isPresent()) y.append("    appiumServer: ").append(lab.appiumUrl()).append('\n');
            }
            if (!rack.accounts().isEmpty()) y.append("accounts:\n");
            for (Rack.Account a : rack.accounts()) {
                y.append("  - upn: ").append(a.upn()).append('\n');
                a.displayName().ifPresent(n -> y.append("    displayName: \"").append(n.replace("\"", "")).append("\"\n"));
                y.append("    signInMode: ").append(mode(a.signInMode())).append('\n');
                y.append("    passwordFile: ").append(secret(secrets.resolve("password-" + a.upn()), lab.password(a))).append('\n');
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, y);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the served rack file " + out, e);
        }
    }

    private static String mode(SignInMode m) {
        return switch (m) {
            case COMMON_AREA -> "commonArea";
            case PERSONAL -> "personal";
            case CONFERENCE -> "conference";
        };
    }

    private static Path secret(Path file, String value) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n");
        return file;
    }
}
