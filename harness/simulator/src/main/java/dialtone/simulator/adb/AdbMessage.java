package dialtone.simulator.adb;

import java.nio.charset.StandardCharsets;

/** One ADB transport message: header fields plus payload. {@code data_check} and {@code magic} are derived. */
record AdbMessage(int command, int arg0, int arg1, byte[] payload) {

    static final int CNXN = 0x4e584e43;
    static final int AUTH = 0x48545541;
    static final int OPEN = 0x4e45504f;
    static final int OKAY = 0x59414b4f;
    static final int CLSE = 0x45534c43;
    static final int WRTE = 0x45545257;
    /** Known but never accepted: we do not advertise TLS. */
    static final int STLS = 0x534c5453;
    /** Obsolete; known only so it is reported as unsupported rather than garbage. */
    static final int SYNC = 0x434e5953;

    static final int VERSION = 0x01000001;
    /** Largest payload this daemon accepts or sends (1 MiB). */
    static final int MAX_PAYLOAD = 1024 * 1024;
    /** Largest CNXN/AUTH payload. */
    static final int MAX_HANDSHAKE_PAYLOAD = 4096;

    AdbMessage {
        payload = payload == null ? new byte[0] : payload;
    }

    static AdbMessage of(int command, int arg0, int arg1) {
        return new AdbMessage(command, arg0, arg1, null);
    }

    static AdbMessage of(int command, int arg0, int arg1, String payload) {
        return new AdbMessage(command, arg0, arg1, payload.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isKnown(int command) {
        return command == CNXN || command == AUTH || command == OPEN || command == OKAY
                || command == CLSE || command == WRTE || command == STLS || command == SYNC;
    }

    static String name(int command) {
        if (!isKnown(command)) {
            return String.format("0x%08x", command);
        }
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) ((command >>> (8 * i)) & 0xff);
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return name(command) + "(" + Integer.toUnsignedString(arg0) + ", " + Integer.toUnsignedString(arg1)
                + ", " + payload.length + " bytes)";
    }
}
