package dialtone.simulator.adb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sync:} service, version 1 only (AOSP SYNC.TXT): requests are {@code [4-byte id][u32 LE length]}
 * followed by {@code length} bytes of path. STAT → {@code STAT mode size mtime}; LIST → {@code DENT}… then
 * {@code DONE}; SEND {@code path,mode} → DATA chunks, DONE(mtime) → OKAY; RECV → DATA chunks, DONE; QUIT ends.
 * Errors are {@code FAIL} with a message; after a FAIL, as adbd does, the service ends.
 */
final class SyncService {

    static final int STAT = id("STAT");
    static final int LIST = id("LIST");
    static final int SEND = id("SEND");
    static final int RECV = id("RECV");
    static final int QUIT = id("QUIT");
    static final int DENT = id("DENT");
    static final int DATA = id("DATA");
    static final int DONE = id("DONE");
    static final int OKAY = id("OKAY");
    static final int FAIL = id("FAIL");
    /** Largest DATA chunk either side may send. */
    static final int MAX_DATA = 64 * 1024;
    /** Longest path a request may carry. */
    static final int MAX_PATH = 1024;

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final AdbStream stream;
    private final VirtualFileSystem files;
    private final InputStream in;

    SyncService(AdbStream stream, VirtualFileSystem files) {
        this.stream = stream;
        this.files = files;
        this.in = stream.input();
    }

    static int id(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /** Serves requests until QUIT, the end of the stream, or a failure. */
    void run() throws IOException {
        while (true) {
            byte[] header = readN(8);
            if (header == null) {
                return;
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int request = h.getInt();
            int length = h.getInt();
            if (request == QUIT) {
                return;
            }
            if (request != STAT && request != LIST && request != SEND && request != RECV) {
                fail(String.format("unknown command %08x", request));
                return;
            }
            if (length < 0 || length > MAX_PATH) {
                fail("path too long");
                return;
            }
            byte[] pathBytes = readN(length);
            if (pathBytes == null) {
                return;
            }
            String path = new String(pathBytes, StandardCharsets.UTF_8);
            log.debug("sync: {} {}", name(request), path);
            boolean goOn;
            if (request == STAT) {
                goOn = stat(path);
            } else if (request == LIST) {
                goOn = list(path);
            } else if (request == SEND) {
                goOn = send(path);
            } else {
                goOn = recv(path);
            }
            if (!goOn) {
                return;
            }
        }
    }

    private boolean stat(String path) throws IOException {
        Optional<VirtualFileSystem.Stat> s = files.stat(path);
        ByteBuffer b = packet(16).putInt(STAT);
        if (s.isPresent()) { // a missing file is all zeros, as lstat failing in adbd
            b.putInt(s.get().mode()).putInt(clampU32(s.get().size())).putInt(clampU32(s.get().mtime()));
        }
        stream.write(b.array());
        return true;
    }

    private boolean list(String path) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            VirtualFileSystem.Stat self = files.stat(path).orElseThrow();
            List<VirtualFileSystem.Entry> entries = files.list(path);
            dent(reply, ".", self);
            dent(reply, "..", files.stat(path + "/..").orElse(self));
            for (VirtualFileSystem.Entry e : entries) {
                dent(reply, e.name(), e.stat());
            }
        } catch (VirtualFileSystem.Failure | java.util.NoSuchElementException e) {
            // adbd: a directory it cannot open lists as empty
            reply.reset();
        }
        reply.writeBytes(packet(20).putInt(DONE).array());
        stream.write(reply.toByteArray());
        return true;
    }

    private static void dent(ByteArrayOutputStream out, String name, VirtualFileSystem.Stat s) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(packet(20).putInt(DENT).putInt(s.mode()).putInt(clampU32(s.size())).putInt(clampU32(s.mtime()))
                .putInt(n.length).array());
        out.writeBytes(n);
    }

    /** SEND "path,mode": DATA chunks until DONE(mtime); written only when complete. */
    private boolean send(String spec) throws IOException {
        int comma = spec.lastIndexOf(',');
        String path = comma < 0 ? spec : spec.substring(0, comma);
        int mode = 0644;
        if (comma >= 0) {
            try {
                mode = Integer.parseInt(spec.substring(comma + 1));
            } catch (NumberFormatException e) {
                fail("invalid mode in '" + spec + "'");
                return false;
            }
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        String error = null;
        long room = files.free();
        while (true) {
            byte[] header = readN(8);
            if (header == null) {
                return false;
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int id = h.getInt();
            int length = h.getInt();
            if (id == DONE) {
                long mtime = length & 0xffffffffL;
                if (error == null) {
                    try {
                        files.write(path, mode, content.toByteArray(), mtime);
                    } catch (VirtualFileSystem.Failure e) {
                        error = e.getMessage();
                    }
                }
                if (error != null) {
                    fail("couldn't create file: " + error);
                    return false;
                }
                stream.write(packet(8).putInt(OKAY).array());
                return true;
            }
            if (id != DATA) {
                fail("invalid data message");
                return false;
            }
            if (length < 0 || length > MAX_DATA) {
                fail("oversize data message");
                return false;
            }
            byte[] chunk = readN(length);
            if (chunk == null) {
                return false;
            }
            if (error == null && content.size() + (long) length > room) {
                error = "No space left on device";
                content = new ByteArrayOutputStream(); // keep reading until DONE, keep nothing
            }
            if (error == null) {
                content.writeBytes(chunk);
            }
        }
    }

    private boolean recv(String path) throws IOException {
        byte[] data;
        try {
            data = files.read(path);
        } catch (VirtualFileSystem.Failure e) {
            fail("open failed: " + e.getMessage());
            return false;
        }
        for (int off = 0; off < data.length; off += MAX_DATA) {
            int n = Math.min(MAX_DATA, data.length - off);
            stream.write(packet(8 + n).putInt(DATA).putInt(n).put(data, off, n).array());
        }
        stream.write(packet(8).putInt(DONE).array());
        return true;
    }

    private void fail(String message) throws IOException {
        log.debug("sync: FAIL {}", message);
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        stream.write(packet(8 + m.length).putInt(FAIL).putInt(m.length).put(m).array());
    }

    private static ByteBuffer packet(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int clampU32(long v) {
        return (int) Math.min(Math.max(v, 0), 0xffffffffL);
    }

    private static String name(int id) {
        return new String(packet(4).putInt(id).array(), StandardCharsets.US_ASCII);
    }

    /** Exactly n bytes, or null if the stream ended first. */
    private byte[] readN(int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                if (off > 0) {
                    log.debug("sync: stream ended inside a packet");
                }
                return null;
            }
            off += r;
        }
        return b;
    }
}
