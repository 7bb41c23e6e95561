package dialtone.simulator.adb;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who may use a phone's adbd: its {@code adb_keys}. {@link #none()} asks nobody (as {@code ro.adb.secure=0});
 * {@link #allowList} accepts hosts whose key is listed (by signature over adbd's token, or by sending that
 * public key); {@link #anyKey()} also accepts a host's unknown public key and remembers it, as a user tapping
 * "Always allow" would. One instance is shared by every daemon a phone starts, so remembered keys survive
 * a reboot. Thread-safe.
 */
public final class AdbAuth {

    /** Android's encoded {@code RSAPublicKey}: len, n0inv, n[64], rr[64], exponent. */
    static final int ENCODED_KEY_SIZE = 524;
    private static final int KEY_WORDS = 64;
    /** The DER prefix of a SHA-1 DigestInfo: adbd verifies the token as if it were a SHA-1 digest. */
    private static final byte[] SHA1_DIGEST_INFO = {
        0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};

    private final boolean required;
    private final boolean acceptAnyKey;
    private final List<RSAPublicKey> keys = new CopyOnWriteArrayList<>();
    /** The keys given at construction (a read-only {@code adb_keys}); the others were remembered at run time. */
    private final List<RSAPublicKey> configured;

    private AdbAuth(boolean required, boolean acceptAnyKey, Collection<? extends PublicKey> keys) {
        this.required = required;
        this.acceptAnyKey = acceptAnyKey;
        keys.forEach(this::allow);
        this.configured = List.copyOf(this.keys);
    }

    /** No AUTH at all: CNXN is answered with CNXN. */
    public static AdbAuth none() {
        return new AdbAuth(false, false, List.of());
    }

    /** AUTH, accepting (and remembering) any public key a host offers. */
    public static AdbAuth anyKey() {
        return new AdbAuth(true, true, List.of());
    }

    /** AUTH against these RSA keys only; other hosts stay "unauthorized". */
    public static AdbAuth allowList(Collection<? extends PublicKey> keys) {
        return new AdbAuth(true, false, keys);
    }

    /** AUTH against the keys of an {@code adb_keys} file (lines {@code <base64> user@host}; blank and # lines skipped). */
    public static AdbAuth adbKeys(Collection<String> lines) {
        List<RSAPublicKey> parsed = new ArrayList<>();
        for (String line : lines) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                parsed.add(parsePublicKey(l));
            }
        }
        return allowList(parsed);
    }

    boolean required() {
        return required;
    }

    /** True if the key is on the allow-list (or was remembered). */
    public boolean isAllowed(PublicKey key) {
        return key instanceof RSAPublicKey rsa && keys.stream().anyMatch(k -> sameKey(k, rsa));
    }

    /** The keys allowed now, remembered ones included. */
    public List<RSAPublicKey> keys() {
        return List.copyOf(keys);
    }

    /**
     * Forgets the keys remembered at run time ("Always allow"), keeping the configured ones: what a factory
     * reset does to {@code /data/misc/adb/adb_keys}, while a system {@code adb_keys} stays.
     */
    public synchronized void forgetRemembered() {
        keys.retainAll(configured);
    }

    private void allow(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("adb keys are RSA keys, not " + key.getAlgorithm());
        }
        if (!isAllowed(rsa)) {
            keys.add(rsa);
        }
    }

    /** An offered public key: accepted if listed, or listed now if any key is accepted. */
    boolean offer(RSAPublicKey key) {
        if (isAllowed(key)) {
            return true;
        }
        if (acceptAnyKey) {
            synchronized (this) {
                allow(key);
            }
            return true;
        }
        return false;
    }

    /** True if an allowed key made this signature of the token (RSA PKCS#1 v1.5, token as a SHA-1 digest). */
    boolean verifies(byte[] token, byte[] signature) {
        byte[] digestInfo = new byte[SHA1_DIGEST_INFO.length + token.length];
        System.arraycopy(SHA1_DIGEST_INFO, 0, digestInfo, 0, SHA1_DIGEST_INFO.length);
        System.arraycopy(token, 0, digestInfo, SHA1_DIGEST_INFO.length, token.length);
        for (RSAPublicKey key : keys) {
            try {
                Signature rsa = Signature.getInstance("NONEwithRSA");
                rsa.initVerify(key);
                rsa.update(digestInfo);
                if (rsa.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // wrong length or not a signature by this key: try the next
            }
        }
        return false;
    }

    /** A new handshake for one connection. */
    Handshake handshake() {
        return required ? new RsaHandshake(this) : Handshake.noAuth();
    }

    /**
     * Parses an adb public key as hosts send it and {@code adb_keys} holds it: base64 of Android's 524-byte
     * {@code RSAPublicKey} struct (little-endian words), optionally followed by {@code " user@host"} and NULs.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static RSAPublicKey parsePublicKey(String text) {
        String s = text.replace("\0", "").strip();
        int space = s.indexOf(' ');
        String base64 = space < 0 ? s : s.substring(0, space);
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adb public key is not base64");
        }
        if (raw.length != ENCODED_KEY_SIZE) {
            throw new IllegalArgumentException("adb public key has " + raw.length + " bytes, not " + ENCODED_KEY_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int words = b.getInt();
        if (words != KEY_WORDS) {
            throw new IllegalArgumentException("adb public key of " + words + " words, not " + KEY_WORDS);
        }
        b.getInt(); // n0inv: only for adbd's Montgomery arithmetic
        byte[] modulus = new byte[KEY_WORDS * 4];
        for (int i = 0; i < modulus.length; i++) { // little-endian words, least significant first: reverse all bytes
            modulus[modulus.length - 1 - i] = raw[8 + i];
        }
        b.position(8 + 2 * KEY_WORDS * 4);
        long exponent = b.getInt() & 0xffffffffL;
        BigInteger n = new BigInteger(1, modulus);
        if (!n.testBit(0) || exponent < 3) {
            throw new IllegalArgumentException("adb public key has an invalid modulus or exponent");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(n, BigInteger.valueOf(exponent)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("adb public key rejected: " + e.getMessage());
        }
    }

    /** The {@code adb_keys} line for a 2048-bit RSA key: base64 of Android's {@code RSAPublicKey} struct, a space, a name. */
    public static String publicKeyLine(RSAPublicKey key, String userAtHost) {
        BigInteger n = key.getModulus();
        if (n.bitLength() > KEY_WORDS * 32) {
            throw new IllegalArgumentException("adb keys are 2048-bit RSA keys");
        }
        BigInteger word = BigInteger.ONE.shiftLeft(32);
        BigInteger n0inv = n.mod(word).modInverse(word).negate().mod(word);
        BigInteger rr = BigInteger.ONE.shiftLeft(KEY_WORDS * 32 * 2).mod(n);
        ByteBuffer b = ByteBuffer.allocate(ENCODED_KEY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(KEY_WORDS).putInt(n0inv.intValue());
        putLittleEndian(b, n);
        putLittleEndian(b, rr);
        b.putInt(key.getPublicExponent().intValue());
        return Base64.getEncoder().encodeToString(b.array()) + " " + userAtHost;
    }

    private static void putLittleEndian(ByteBuffer b, BigInteger value) {
        byte[] be = value.toByteArray(); // big-endian, maybe with a leading 0
        for (int i = 0; i < KEY_WORDS * 4; i++) {
            b.put(i < be.length ? be[be.length - 1 - i] : 0);
        }
    }

    static String describe(byte[] publicKeyPayload) {
        String s = new String(publicKeyPayload, StandardCharsets.UTF_8).replace("\0", "").strip();
        int space = s.indexOf(' ');
        return space < 0 ? "(no name)" : s.substring(space + 1);
    }

    private static boolean sameKey(RSAPublicKey a, RSAPublicKey b) {
        return a.getModulus().equals(b.getModulus()) && a.getPublicExponent().equals(b.getPublicExponent());
    }

    @Override
    public String toString() {
        return !required ? "AdbAuth[none]" : "AdbAuth[" + (acceptAnyKey ? "any key" : "allow-list") + ", " + keys.size() + " keys]";
    }
}
