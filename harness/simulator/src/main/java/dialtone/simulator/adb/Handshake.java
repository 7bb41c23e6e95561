package dialtone.simulator.adb;

import java.util.List;

/**
 * How one connection gets from the host's CNXN to an established transport: the auth-policy seam.
 * One instance per connection (it may keep per-connection state such as an AUTH token).
 * {@link #noAuth()} or, for RSA AUTH ({@code AUTH(1, 0, token)} → signature / public key), {@link RsaHandshake}.
 */
interface Handshake {

    /**
     * The host sent CNXN.
     *
     * @param hello  the host's CNXN
     * @param accept the CNXN reply that establishes the connection (banner and negotiated maxdata filled in)
     */
    Step onConnect(AdbMessage hello, AdbMessage accept);

    /** The host sent AUTH while the handshake is in progress. */
    Step onAuth(AdbMessage auth, AdbMessage accept);

    /**
     * What to do next.
     *
     * @param replies     messages to send, in order
     * @param established whether the connection is now established (streams may be opened)
     * @param reject      non-null to drop the connection, with this reason
     */
    record Step(List<AdbMessage> replies, boolean established, String reject) {
        static Step establish(AdbMessage accept) {
            return new Step(List.of(accept), true, null);
        }

        static Step reject(String reason) {
            return new Step(List.of(), false, reason);
        }
    }

    /** Accepts every host straight away, as adbd with {@code ro.adb.secure=0}. */
    static Handshake noAuth() {
        return new Handshake() {
            @Override
            public Step onConnect(AdbMessage hello, AdbMessage accept) {
                return Step.establish(accept);
            }

            @Override
            public Step onAuth(AdbMessage auth, AdbMessage accept) {
                return Step.reject("AUTH received but this daemon never asked for it");
            }
        };
    }
}
