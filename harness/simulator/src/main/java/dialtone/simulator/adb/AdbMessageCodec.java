package dialtone.simulator.adb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes and decodes ADB messages: a 24-byte little-endian header
 * {@code command, arg0, arg1, data_length, data_check, magic} followed by {@code data_length} bytes.
 * {@code data_check} is written (byte sum, for old peers) but never verified: dadb sends it wrong.
 */
final class AdbMessageCodec {

    static final int HEADER_SIZE = 24;

    private AdbMessageCodec() {
    }

    static byte[] encode(AdbMessage m) {
        byte[] payload = m.payload();
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(m.command()).putInt(m.arg0()).putInt(m.arg1()).putInt(payload.length)
                .putInt(checksum(payload)).putInt(~m.command()).put(payload);
        return b.array();
    }

    static int checksum(byte[] payload) {
        int sum = 0;
        for (byte x : payload) {
            sum += x & 0xff;
        }
        return sum;
    }

    /**
     * Reads one message.
     *
     * @param maxPayload largest {@code data_length} accepted
     * @return the message, or {@code null} if the stream ended cleanly before a new header
     * @throws AdbProtocolException on bad magic, unknown command, oversize length, or EOF mid-message
     */
    static AdbMessage read(InputStream in, int maxPayload) throws IOException {
        byte[] header = new byte[HEADER_SIZE];
        int got = readFully(in, header);
        if (got == 0) {
            return null;
        }
        if (got < HEADER_SIZE) {
            throw new AdbProtocolException("truncated header: got " + got + " of " + HEADER_SIZE + " bytes before EOF");
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int command = b.getInt();
        int arg0 = b.getInt();
        int arg1 = b.getInt();
        int length = b.getInt();
        b.getInt(); // data_check: deliberately not verified
        int magic = b.getInt();
        if (magic != ~command) {
            throw new AdbProtocolException(String.format(
                    "bad magic 0x%08x for command 0x%08x (expected 0x%08x)", magic, command, ~command));
        }
        if (!AdbMessage.isKnown(command)) {
            throw new AdbProtocolException(String.format("unknown command 0x%08x", command));
        }
        if (length < 0 || length > maxPayload) {
            throw new AdbProtocolException("data_length " + Integer.toUnsignedString(length)
                    + " of " + AdbMessage.name(command) + " exceeds limit " + maxPayload);
        }
        byte[] payload = new byte[length];
        int read = readFully(in, payload);
        if (read < length) {
            throw new AdbProtocolException("truncated payload of " + AdbMessage.name(command) + ": got " + read
                    + " of " + length + " bytes before EOF");
        }
        return new AdbMessage(command, arg0, arg1, payload);
    }

    /** Reads until {@code buf} is full or EOF; returns the number of bytes read. */
    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n;
            try {
                n = in.read(buf, off, buf.length - off);
            } catch (EOFException e) {
                n = -1;
            }
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }
}
