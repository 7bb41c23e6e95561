package dialtone.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The device login code a phone shows (RFC 8628 user code, e.g. {@code EV9PGNQN8}): not
 * case-sensitive, dashes and spaces ignored. The only generator of such codes.
 *
 * <p>Generated codes use {@link #ALPHABET}: no vowels (no words), none of 0/O, 1/I/L, 2/Z,
 * 5/S, 8/B, 6/G (misread on a phone screen or over the phone). 9 characters of 19 give
 * 38 bits (RFC 8628 §6.1 asks for enough entropy plus rate limiting). Parsing is lenient
 * (any 6 to 12 letters or digits) because codes from a real Entra tenant use a wider alphabet.
 */
public final class DeviceLoginCode {
    public static final String ALPHABET = "CDFHJKMNPQRTVWX3479";
    public static final int LENGTH = 9;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String value; // as issued / as given, trimmed
    private final String normalized;

    private DeviceLoginCode(String value) {
        this.value = value;
        this.normalized = normalize(value);
    }

    public static DeviceLoginCode generate() {
        return generate(RANDOM);
    }

    public static DeviceLoginCode generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new DeviceLoginCode(code.toString());
    }

    /** Bits of entropy of a generated code. */
    public static double entropyBits() {
        return LENGTH * Math.log(ALPHABET.length()) / Math.log(2);
    }

    @JsonCreator
    public static DeviceLoginCode parse(String text) {
        String normalized = normalize(text);
        if (!normalized.matches("[A-Z0-9]{6,12}")) {
            throw new IllegalArgumentException("a device login code is 6 to 12 letters or digits (dashes and spaces"
                    + " ignored), got " + (text == null ? "nothing" : normalized.length() + " characters"));
        }
        return new DeviceLoginCode(text.strip());
    }

    public static boolean isValid(String text) {
        return normalize(text).matches("[A-Z0-9]{6,12}");
    }

    /** Uppercase, dashes and whitespace removed: the form codes are compared in. */
    public static String normalize(String text) {
        return text == null ? "" : text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    public String normalized() {
        return normalized;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceLoginCode other && other.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }
}
