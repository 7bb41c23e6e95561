package dialtone.model.profile;

import java.util.Arrays;

/** A dotted firmware version such as {@code 7.2.1.1707}; compares numerically, part by part. */
public record FirmwareVersion(String text, int[] parts) implements Comparable<FirmwareVersion> {

    public static FirmwareVersion parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("\\d+(\\.\\d+){0,4}")) {
            throw new IllegalArgumentException("firmware version '" + text + "' must be dotted numbers like 7.2.1.1707");
        }
        return new FirmwareVersion(t, Arrays.stream(t.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    @Override
    public int compareTo(FirmwareVersion other) {
        int n = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < n; i++) {
            int a = i < parts.length ? parts[i] : 0;
            int b = i < other.parts.length ? other.parts[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    public int major() { return parts[0]; }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmwareVersion f && compareTo(f) == 0;
    }

    @Override
    public int hashCode() {
        int[] trimmed = parts;
        int end = trimmed.length;
        while (end > 1 && trimmed[end - 1] == 0) end--;
        return Arrays.hashCode(Arrays.copyOf(trimmed, end));
    }

    @Override
    public String toString() { return text; }
}
