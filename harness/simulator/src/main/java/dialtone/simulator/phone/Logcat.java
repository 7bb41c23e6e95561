package dialtone.simulator.phone;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A phone's log buffer, as {@code logcat} shows it: bounded (the oldest lines fall out), every line numbered
 * so a follower knows what it has printed, and printed in {@code threadtime} format
 * ({@code MM-DD HH:MM:SS.mmm  PID  TID L TAG     : message}). Thread-safe.
 */
final class Logcat {

    /** Lines kept; older ones are dropped, as the kernel's ring buffer does. */
    static final int CAPACITY = 4096;
    /** The Teams app's process (and main thread) id. */
    static final int TEAMS_PID = 2371;
    static final String TAG = "TeamsIpPhone";

    private static final DateTimeFormatter THREADTIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS");

    record Line(long seq, Instant time, int pid, int tid, char priority, String tag, String message) {
        String threadtime(ZoneId zone) {
            return String.format("%s %5d %5d %c %-8s: %s%n", THREADTIME.format(time.atZone(zone)), pid, tid, priority, tag, message)
                    .replace(System.lineSeparator(), "\n");
        }
    }

    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private long next = 1;
    private int followers;

    /** An info line from the Teams app. */
    void info(String message) {
        log('I', TAG, message);
    }

    /** A warning from the Teams app. */
    void warn(String message) {
        log('W', TAG, message);
    }

    synchronized void log(char priority, String tag, String message) {
        if (lines.size() == CAPACITY) {
            lines.removeFirst();
        }
        lines.addLast(new Line(next++, Instant.now(), TEAMS_PID, TEAMS_PID, priority, tag, message));
        notifyAll();
    }

    /** The lines after {@code seq} (0: all). */
    synchronized List<Line> after(long seq) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.seq() > seq) {
                out.add(l);
            }
        }
        return out;
    }

    /** {@code logcat -c}. */
    synchronized void clear() {
        lines.clear();
    }

    /** Waits until there is a line after {@code seq}; interrupted when the host goes away. */
    synchronized void awaitAfter(long seq) throws InterruptedException {
        followers++;
        try {
            while (next - 1 <= seq) {
                wait();
            }
        } finally {
            followers--;
        }
    }

    /** How many {@code logcat} streams are waiting for lines right now. */
    synchronized int followers() {
        return followers;
    }
}
