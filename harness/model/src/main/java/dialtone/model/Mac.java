package dialtone.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A phone's Ethernet MAC address. Accepts the spellings TAC accepts ({@code 64:16:7F:0A:0B:0C},
 * {@code 64-16-7f-0a-0b-0c}, {@code 64167F0A0B0C}, any case, surrounding whitespace) and keeps
 * one canonical form. The only MAC parser in Dialtone.
 */
public final class Mac implements Comparable<Mac> {
    private static final String HEX = "0123456789ABCDEF";
    private final String compact; // 12 uppercase hex digits

    private Mac(String compact) {
        this.compact = compact;
    }

    /** Parses any accepted spelling; throws {@link InvalidMacException} saying what is wrong. */
    @JsonCreator
    public static Mac parse(String input) {
        if (input == null) {
            throw new InvalidMacException("null", "no MAC address given");
        }
        String text = input.strip();
        if (text.isEmpty()) {
            throw new InvalidMacException(input, "it is empty");
        }
        int offset = input.indexOf(text.charAt(0)); // positions are reported in the caller's text
        if (text.length() == 12) {
            return new Mac(hexDigits(input, text, offset, false));
        }
        if (text.length() == 17) {
            char separator = text.charAt(2);
            for (int i = 2; i < 17; i += 3) {
                char c = text.charAt(i);
                if (c != ':' && c != '-') {
                    throw new InvalidMacException(input, "bad character '" + c + "' at position " + (offset + i + 1)
                            + " (expected ':' or '-' between pairs of hex digits)");
                }
                if (c != separator) {
                    throw new InvalidMacException(input, "mixed separators ('" + separator + "' and '" + c
                            + "'); use ':' or '-' throughout");
                }
            }
            return new Mac(hexDigits(input, text, offset, true));
        }
        throw new InvalidMacException(input, "wrong length: " + text.length()
                + " characters; expected 12 hex digits, or 6 pairs separated by ':' or '-' (17 characters)");
    }

    private static String hexDigits(String input, String text, int offset, boolean separated) {
        StringBuilder digits = new StringBuilder(12);
        for (int i = 0; i < text.length(); i++) {
            if (separated && i % 3 == 2) {
                continue;
            }
            char c = Character.toUpperCase(text.charAt(i));
            if (HEX.indexOf(c) < 0) {
                throw new InvalidMacException(input, "bad character '" + text.charAt(i) + "' at position "
                        + (offset + i + 1) + " (expected a hex digit 0-9 or A-F)");
            }
            digits.append(c);
        }
        return digits.toString();
    }

    /** {@code true} if {@link #parse} would accept the text. */
    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidMacException e) {
            return false;
        }
    }

    /** Twelve uppercase hex digits, no separators: {@code 64167F0A0B0C}. */
    public String compact() {
        return compact;
    }

    /** Lowercase with colons, as {@code /sys/class/net/eth0/address} shows it: {@code 64:16:7f:0a:0b:0c}. */
    public String linuxForm() {
        return separated(':').toLowerCase(java.util.Locale.ROOT);
    }

    private String separated(char separator) {
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(compact, i, i + 2);
        }
        return out.toString();
    }

    /** The canonical form: uppercase with colons, {@code 64:16:7F:0A:0B:0C}. */
    @JsonValue
    @Override
    public String toString() {
        return separated(':');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mac other && other.compact.equals(compact);
    }

    @Override
    public int hashCode() {
        return compact.hashCode();
    }

    @Override
    public int compareTo(Mac other) {
        return compact.compareTo(other.compact);
    }
}
