package dialtone.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A bare-hands ADB host for protocol tests: sends and reads single messages. */
final class RawAdbClient implements AutoCloseable {

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int nextId = 100;

    RawAdbClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** CNXN with the given maxdata; returns the device's CNXN. */
    AdbMessage connect(int maxData) throws IOException {
        send(AdbMessage.of(AdbMessage.CNXN, AdbMessage.VERSION, maxData, "host::features=shell_v2,cmd\0"));
        AdbMessage reply = read();
        assertThat(reply.command()).as("reply to CNXN").isEqualTo(AdbMessage.CNXN);
        return reply;
    }

    void send(AdbMessage m) throws IOException {
        out.write(AdbMessageCodec.encode(m));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    AdbMessage read() throws IOException {
        AdbMessage m = AdbMessageCodec.read(in, AdbMessage.MAX_PAYLOAD);
        if (m == null) {
            throw new IOException("device closed the connection");
        }
        return m;
    }

    /** Reads with a short timeout; null if nothing arrived in time. */
    AdbMessage readWithin(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return read();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** Opens a service; returns [ourId, deviceId], deviceId 0 if refused. */
    int[] open(String service) throws IOException {
        int id = nextId++;
        send(AdbMessage.of(AdbMessage.OPEN, id, 0, service + "\0"));
        AdbMessage reply = read();
        if (reply.command() == AdbMessage.CLSE) {
            assertThat(reply.arg1()).isEqualTo(id);
            return new int[] {id, 0};
        }
        assertThat(reply.command()).as("reply to OPEN " + service).isEqualTo(AdbMessage.OKAY);
        assertThat(reply.arg1()).isEqualTo(id);
        return new int[] {id, reply.arg0()};
    }

    /** Reads the stream until the device closes it, OKAYing every WRTE; returns everything it wrote. */
    byte[] readStream(int[] ids) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            AdbMessage m = read();
            if (m.arg1() != ids[0]) {
                continue;
            }
            if (m.command() == AdbMessage.WRTE) {
                all.writeBytes(m.payload());
                send(AdbMessage.of(AdbMessage.OKAY, ids[0], ids[1]));
            } else if (m.command() == AdbMessage.CLSE) {
                return all.toByteArray();
            }
        }
    }

    void write(int[] ids, byte[] data) throws IOException {
        send(new AdbMessage(AdbMessage.WRTE, ids[0], ids[1], data));
    }

    /** True if the device closed the connection (EOF or reset) within the socket timeout. */
    boolean closedByDevice() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever the device said before hanging up
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) { // connection reset also means closed
            return true;
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
