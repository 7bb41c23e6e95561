package dialtone.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The 6-digit code an administrator generates in TAC for one MAC and a technician enters on the
 * phone under Settings, Provision phone (e.g. {@code 697150}). The only generator of such codes.
 */
public final class VerificationCode {
    public static final int LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String digits;

    private VerificationCode(String digits) {
        this.digits = digits;
    }

    public static VerificationCode generate() {
        return generate(RANDOM);
    }

    public static VerificationCode generate(RandomGenerator random) {
        return new VerificationCode(String.format("%06d", random.nextInt(1_000_000)));
    }

    /** Parses exactly six digits (surrounding whitespace ignored). */
    @JsonCreator
    public static VerificationCode parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("a verification code is " + LENGTH + " digits, got "
                    + (text == null ? "nothing" : text.strip().length() + " characters"));
        }
        return new VerificationCode(text.strip());
    }

    public static boolean isValid(String text) {
        return text != null && text.strip().matches("[0-9]{" + LENGTH + "}");
    }

    public String digits() {
        return digits;
    }

    /**
     * Compares with what a phone sent, in constant time.
     * (The code is a credential; a timing difference must not leak digits.)
     */
    public boolean matches(String entered) {
        return entered != null && java.security.MessageDigest.isEqual(
                digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                entered.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @JsonValue
    @Override
    public String toString() {
        return digits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationCode other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }
}
