package dialtone.cli;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A run's name in leases and the health history, and the durations the command line takes. */
final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private RunIds() {}

    /** e.g. "20261127-093012-4711": UTC start time and pid, unique on a host. */
    static String next() {
        return LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + ProcessHandle.current().pid();
    }

    /** "90s", "3m", "1h", "500ms", "0", or ISO-8601 ("PT3M"). */
    static Duration duration(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? (n == 0 ? "s" : "") : m.group(2);
            switch (unit) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: break;
            }
        } else if (t.startsWith("pt")) {
            try {
                Duration d = Duration.parse(text.strip());
                if (!d.isNegative()) return d;
            } catch (RuntimeException ignored) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException(option + " must be a duration like 90s, 3m, 1h or 0, got '" + text + "'");
    }
}
