package dialtone.simulator.adb;

import java.util.Map;

/** What a virtual phone offers its adbd. Implemented by the phone, not by the daemon. */
public interface AdbDevice {

    /**
     * Device banner properties in the order they should appear, e.g. {@code ro.product.name},
     * {@code ro.product.model}, {@code ro.product.device}. The daemon appends
     * {@code features=shell_v2,cmd} itself (a {@code features} key here is ignored).
     */
    Map<String, String> bannerProperties();

    /**
     * Runs one shell command line (as {@code sh -c} would). Called for {@code shell:},
     * {@code shell,v2,...:} and {@code exec:} services, for each line of an interactive shell, and
     * for {@code reboot:} (as {@code reboot} or {@code reboot <arg>}). May be called concurrently
     * from several connections/streams.
     */
    ShellResult shell(String commandLine);

    /**
     * The phone's files, served by the {@code sync:} service ({@code adb push}, {@code adb pull}, {@code adb ls}).
     * Must return the same instance every time. By default a file system with nothing in it.
     */
    default VirtualFileSystem files() {
        return NoFiles.EMPTY;
    }
}

/** The default of {@link AdbDevice#files()}: one shared, empty file system that takes no files. */
final class NoFiles {
    static final VirtualFileSystem EMPTY = VirtualFileSystem.empty();

    private NoFiles() {
    }
}
