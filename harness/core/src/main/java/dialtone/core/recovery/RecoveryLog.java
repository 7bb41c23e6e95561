package dialtone.core.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every rung attempt of a run, one JSON object per line in {@code recovery.jsonl} in the run's
 * reports directory: {@code {"time","device","rung","cause","outcome":"recovered|failed","millis"}}, plus
 * {@code "stage"} when the climb was made inside a flow stage to absorb its failure.
 * Appended and flushed per line, so a killed run keeps what it wrote. Without a file it only logs.
 */
public final class RecoveryLog {
    public static final String FILE_NAME = "recovery.jsonl";
    private static final Logger log = LoggerFactory.getLogger(RecoveryLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A cause is a failure's first line, cut short: enough to tell faults apart, never a page of trace. */
    static final int MAX_CAUSE = 300;

    private final Optional<Path> file;

    private RecoveryLog(Optional<Path> file) {
        this.file = file;
    }

    /** Records in {@code reportsDirectory/recovery.jsonl}. */
    public static RecoveryLog in(Path reportsDirectory) {
        return new RecoveryLog(Optional.of(reportsDirectory.resolve(FILE_NAME)));
    }

    /** Logs only (no reports directory, e.g. outside {@code dialtone run}). */
    public static RecoveryLog none() {
        return new RecoveryLog(Optional.empty());
    }

    public Optional<Path> file() { return file; }

    /**
     * One rung attempt, as it ended. {@code stage}: the flow stage whose infrastructure failure the climb
     * absorbed ({@link StageRecovery}), empty for a climb before a test's retry.
     */
    public record Entry(Instant time, String device, String rung, String cause, boolean recovered, long millis, Optional<String> stage) {
        public Entry(Instant time, String device, String rung, String cause, boolean recovered, long millis) {
            this(time, device, rung, cause, recovered, millis, Optional.empty());
        }

        String json() {
            ObjectNode o = JSON.createObjectNode();
            o.put("time", time.toString()).put("device", device).put("rung", rung).put("cause", cause)
                    .put("outcome", recovered ? "recovered" : "failed").put("millis", millis);
            stage.ifPresent(s -> o.put("stage", s));
            return o.toString();
        }
    }

    public void record(Entry e) {
        if (file.isEmpty()) return;
        synchronized (RecoveryLog.class) { // one line at a time, whichever phone's ladder writes it
            try {
                Files.createDirectories(file.get().toAbsolutePath().getParent());
                Files.writeString(file.get(), e.json() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException ex) {
                log.warn("cannot record a recovery attempt in {}: {}", file.get(), ex.getMessage());
            }
        }
    }

    /** The first line of a failure's message, with its type, cut to {@value #MAX_CAUSE} characters. */
    public static String cause(Throwable t) {
        if (t == null) return "unknown";
        // Selenium appends "Build info: ...", "System info: ..." lines, and an empty message is only those
        String m = t.getMessage() == null ? "" : t.getMessage().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Build info:") && !l.startsWith("System info:") && !l.startsWith("Driver info:"))
                .findFirst().orElse("");
        String c = t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
        return c.length() <= MAX_CAUSE ? c : c.substring(0, MAX_CAUSE - 1) + "…";
    }
}
