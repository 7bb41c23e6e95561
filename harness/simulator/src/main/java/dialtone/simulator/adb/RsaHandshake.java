package dialtone.simulator.adb;

import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * adbd's RSA AUTH for one connection: CNXN → {@code AUTH(TOKEN, 0, 20 random bytes)}; a SIGNATURE by an
 * allowed key establishes the connection, a wrong one gets a fresh token; an RSAPUBLICKEY is accepted if
 * {@link AdbAuth} allows it, else the host waits, "unauthorized", as for a dialog nobody answers.
 */
final class RsaHandshake implements Handshake {

    static final int TOKEN = 1;
    static final int SIGNATURE = 2;
    static final int RSAPUBLICKEY = 3;
    static final int TOKEN_SIZE = 20;
    /** Wrong signatures tolerated on one connection before it is dropped (a host has a handful of keys). */
    static final int MAX_SIGNATURE_ATTEMPTS = 64;

    private static final Logger log = LoggerFactory.getLogger(RsaHandshake.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdbAuth auth;
    private byte[] token;
    private int failedSignatures;

    RsaHandshake(AdbAuth auth) {
        this.auth = auth;
    }

    @Override
    public Step onConnect(AdbMessage hello, AdbMessage accept) {
        return challenge();
    }

    @Override
    public Step onAuth(AdbMessage auth, AdbMessage accept) {
        if (token == null) {
            return Step.reject("AUTH before CNXN");
        }
        return switch (auth.arg0()) {
            case SIGNATURE -> {
                if (this.auth.verifies(token, auth.payload())) {
                    log.debug("AUTH: signature verified by an allowed key");
                    yield Step.establish(accept);
                }
                if (++failedSignatures > MAX_SIGNATURE_ATTEMPTS) {
                    yield Step.reject(failedSignatures + " wrong AUTH signatures");
                }
                yield challenge();
            }
            case RSAPUBLICKEY -> {
                RSAPublicKey key;
                try {
                    key = AdbAuth.parsePublicKey(new String(auth.payload(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    yield Step.reject("AUTH RSAPUBLICKEY: " + e.getMessage());
                }
                if (this.auth.offer(key)) {
                    log.info("AUTH: accepted the public key of {}", AdbAuth.describe(auth.payload()));
                    yield Step.establish(accept);
                }
                log.info("AUTH: public key of {} is not allowed; the host stays unauthorized", AdbAuth.describe(auth.payload()));
                yield new Step(List.of(), false, null);
            }
            default -> Step.reject("AUTH of unknown type " + Integer.toUnsignedString(auth.arg0()));
        };
    }

    private Step challenge() {
        token = new byte[TOKEN_SIZE];
        RANDOM.nextBytes(token);
        return new Step(List.of(new AdbMessage(AdbMessage.AUTH, TOKEN, 0, token.clone())), false, null);
    }
}
