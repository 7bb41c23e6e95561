package dialtone.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux says about a process at one moment ({@code /proc/PID/stat} and {@code /proc/PID/status}):
 * CPU time used so far (user + system, all threads), resident memory now and its peak ({@code VmHWM},
 * which only grows), and live threads. For {@code dialtone bench}, which samples its child JVMs.
 */
record ProcessStats(long cpuMillis, long rssKiB, long peakRssKiB, int threads) {

    /** Clock ticks per second of {@code utime}/{@code stime}: USER_HZ, 100 on every Linux that Dialtone runs on. */
    static final int TICKS_PER_SECOND = 100;

    /** The process's numbers now; empty once it has exited (or on a system without /proc). */
    static Optional<ProcessStats> of(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            String status = Files.readString(dir.resolve("status"));
            if (!status.contains("\nVmHWM:")) return Optional.empty(); // a zombie: exited, not yet reaped, no memory left
            return Optional.of(parse(Files.readString(dir.resolve("stat")), status));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // it exited while we read
        }
    }

    static ProcessStats parse(String stat, String status) {
        return new ProcessStats(cpuMillis(stat), statusKiB(status, "VmRSS"), statusKiB(status, "VmHWM"), (int) statusNumber(status, "Threads"));
    }

    /**
     * User + system CPU of {@code /proc/PID/stat}, in milliseconds: fields 14 and 15, counted after
     * the command name, which is in parentheses and may itself hold spaces and parentheses.
     */
    static long cpuMillis(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) throw new IllegalArgumentException("not a /proc/PID/stat line (no ')' after the command name): " + abbreviate(stat));
        String[] f = stat.substring(end + 1).trim().split("\\s+");
        // f[0] is field 3 (state); utime is field 14, stime field 15
        if (f.length < 13) throw new IllegalArgumentException("a /proc/PID/stat line with " + (f.length + 2) + " fields, expected 15 or more: " + abbreviate(stat));
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** A {@code Name:   123 kB} line of {@code /proc/PID/status}, in KiB. */
    static long statusKiB(String status, String name) {
        return statusNumber(status, name);
    }

    private static long statusNumber(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).trim().split("\\s+")[0];
                return Long.parseLong(value);
            }
        }
        throw new IllegalArgumentException("/proc/PID/status has no '" + name + ":' line");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
