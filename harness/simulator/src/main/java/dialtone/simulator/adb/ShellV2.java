package dialtone.simulator.adb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Shell protocol v2 packets: {@code [u8 id][u32 LE length][payload]}. */
final class ShellV2 {

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int EXIT = 3;
    static final int CLOSE_STDIN = 4;
    static final int WINDOW_SIZE_CHANGE = 5;
    static final int HEADER = 5;

    private ShellV2() {
    }

    static byte[] packet(int id, byte[] data, int off, int len) {
        byte[] p = new byte[HEADER + len];
        p[0] = (byte) id;
        p[1] = (byte) len;
        p[2] = (byte) (len >>> 8);
        p[3] = (byte) (len >>> 16);
        p[4] = (byte) (len >>> 24);
        System.arraycopy(data, off, p, HEADER, len);
        return p;
    }

    /** Sends data as packets of type {@code id}, each fitting in one WRTE. */
    static void send(AdbStream stream, int id, byte[] data) throws IOException {
        int room = Math.max(1, stream.maxData() - HEADER);
        for (int off = 0; off < data.length; off += room) {
            int n = Math.min(room, data.length - off);
            stream.write(packet(id, data, off, n));
        }
    }

    static void sendExit(AdbStream stream, int exitCode) throws IOException {
        stream.write(packet(EXIT, new byte[] {(byte) exitCode}, 0, 1));
    }

    record Packet(int id, byte[] payload) {
    }

    /** Largest host packet we accept; a real host never sends more than one maxdata. */
    static final int MAX_INBOUND_PACKET = AdbMessage.MAX_PAYLOAD;

    /** Reads host packets from the stream's byte stream (packets may span WRTEs); null at end of stream. */
    static Packet read(InputStream in) throws IOException {
        int id = in.read();
        if (id < 0) {
            return null;
        }
        byte[] len = readN(in, 4);
        if (len == null) {
            return null;
        }
        int length = (len[0] & 0xff) | (len[1] & 0xff) << 8 | (len[2] & 0xff) << 16 | (len[3] & 0xff) << 24;
        if (length < 0 || length > MAX_INBOUND_PACKET) {
            throw new IOException("shell v2 packet of " + Integer.toUnsignedString(length) + " bytes");
        }
        byte[] payload = readN(in, length);
        return payload == null ? null : new Packet(id, payload);
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(n);
        byte[] buf = new byte[Math.min(Math.max(n, 1), 64 * 1024)];
        while (b.size() < n) {
            int r = in.read(buf, 0, Math.min(buf.length, n - b.size()));
            if (r < 0) {
                return null;
            }
            b.write(buf, 0, r);
        }
        return b.toByteArray();
    }
}
