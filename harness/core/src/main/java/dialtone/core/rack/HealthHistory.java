package dialtone.core.rack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rack's health history: one JSON line per health transition and one per run and phone with
 * how many tests ran and how many of those attempts failed for the lab ({@code history.jsonl} in
 * the rack's state directory). Every harness process of the rack appends to it, each line under a
 * file lock; the current health of a phone is the target of its last health transition.
 */
public final class HealthHistory {
    private static final Logger log = LoggerFactory.getLogger(HealthHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public HealthHistory(Path file) {
        this.file = file;
    }

    public Path file() { return file; }

    /**
     * Tests a run ran on a phone: {@code tests} attempts (an infrastructure retry is a second
     * attempt; tests that did not apply or were skipped for the lab are not counted), of which
     * {@code infrastructureFailures} failed for the lab.
     */
    public record TestTally(Instant at, String device, String run, int tests, int infrastructureFailures) {}

    /** A phone's flake rate over the whole history: infrastructure failures per test attempt. */
    public record FlakeRate(int tests, int infrastructureFailures) {
        public double rate() { return tests == 0 ? 0 : (double) infrastructureFailures / tests; }

        @Override
        public String toString() {
            return tests == 0 ? "no tests yet"
                    : String.format(Locale.ROOT, "%.1f%% (%d infrastructure failures in %d test attempts)", 100 * rate(), infrastructureFailures, tests);
        }
    }

    /** What the file holds; {@code problems} names lines that could not be read (they are skipped). */
    public record Entries(List<Transition> transitions, List<TestTally> tallies, List<String> problems) {
        public List<Transition> transitions(String device) {
            return transitions.stream().filter(t -> t.device().equals(device)).toList();
        }

        /** The health the phone's last health transition left it in; UNKNOWN for a phone never seen. */
        public Health health(String device) {
            Health h = Health.UNKNOWN;
            for (Transition t : transitions) {
                if (t.device().equals(device) && t.to() instanceof Health to) h = to;
            }
            return h;
        }

        /** The reason of the phone's last health transition, if any. */
        public Optional<String> healthReason(String device) {
            String reason = null;
            for (Transition t : transitions) {
                if (t.device().equals(device) && t.ofHealth()) reason = t.reason();
            }
            return Optional.ofNullable(reason);
        }

        public FlakeRate flakeRate(String device) {
            int tests = 0, infra = 0;
            for (TestTally t : tallies) {
                if (t.device().equals(device)) {
                    tests += t.tests();
                    infra += t.infrastructureFailures();
                }
            }
            return new FlakeRate(tests, infra);
        }
    }

    /** Appends a health transition (allocation transitions are only logged: they say nothing about the phone). */
    public void append(Transition t) {
        if (!t.ofHealth()) return;
        ObjectNode n = JSON.createObjectNode();
        n.put("at", t.at().toString());
        n.put("device", t.device());
        n.put("run", t.run());
        n.put("health", t.to().name());
        n.put("from", t.from().name());
        n.put("reason", t.reason());
        appendLine(n);
    }

    public void append(TestTally t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", t.at().toString());
        n.put("device", t.device());
        n.put("run", t.run());
        n.put("tests", t.tests());
        n.put("infrastructureFailures", t.infrastructureFailures());
        appendLine(n);
    }

    private void appendLine(ObjectNode n) {
        byte[] line = (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        // a FileChannel lock belongs to the JVM (a second one from another thread throws): threads take turns first
        synchronized (HealthHistory.class) {
            appendLocked(line);
        }
    }

    private void appendLocked(byte[] line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 var lock = ch.lock()) {
                ch.write(ByteBuffer.wrap(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the rack's health history " + file, e);
        }
    }

    public Entries read() {
        List<Transition> transitions = new ArrayList<>();
        List<TestTally> tallies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) return new Entries(transitions, tallies, problems);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rack's health history " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                JsonNode n = JSON.readTree(line);
                Instant at = Instant.parse(required(n, "at"));
                String device = required(n, "device");
                String run = n.path("run").asText("-");
                if (n.has("health")) {
                    transitions.add(new Transition(at, device, run, Health.valueOf(required(n, "from")), Health.valueOf(required(n, "health")),
                            n.path("reason").asText("")));
                } else if (n.has("tests")) {
                    tallies.add(new TestTally(at, device, run, n.get("tests").asInt(), n.path("infrastructureFailures").asInt()));
                } else {
                    throw new IllegalArgumentException("neither a health transition nor a test tally");
                }
            } catch (IOException | RuntimeException e) {
                problems.add(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        problems.forEach(p -> log.warn("health history: skipped unreadable line: {}", p));
        return new Entries(transitions, tallies, problems);
    }

    private static String required(JsonNode n, String key) {
        if (!n.hasNonNull(key)) throw new IllegalArgumentException("missing '" + key + "'");
        return n.get(key).asText();
    }
}
