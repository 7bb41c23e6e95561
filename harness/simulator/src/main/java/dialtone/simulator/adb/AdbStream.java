package dialtone.simulator.adb;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream on a connection, as seen by the service running on it.
 * Outgoing: {@link #write} splits into WRTEs of at most maxdata and sends the next one only after the
 * host's OKAY for the previous one (as adbd does). Incoming: every WRTE is OKAYed at once by the
 * connection and buffered here; {@link #input()} reads across WRTE boundaries.
 */
final class AdbStream {

    private static final Logger log = LoggerFactory.getLogger(AdbStream.class);
    /** Unread host data kept per stream; more is dropped (nobody is reading it). */
    static final int MAX_INBOUND_BUFFER = 16 * 1024 * 1024;

    private final AdbConnection connection;
    final int localId;
    final int remoteId;
    final String service;

    private final Object lock = new Object();
    private boolean okayPending; // we sent a WRTE and the host has not OKAYed it yet
    private boolean closed;      // either side closed it, or the connection went away
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private int inboundBytes;
    private int inboundOffset; // into inbound.peekFirst()
    private boolean overflowLogged;
    private Thread sessionThread; // runs a ShellSession; interrupted when the host closes the stream

    AdbStream(AdbConnection connection, int localId, int remoteId, String service) {
        this.connection = connection;
        this.localId = localId;
        this.remoteId = remoteId;
        this.service = service;
    }

    int maxData() {
        return connection.maxData();
    }

    /** Sends bytes to the host, in WRTEs of at most maxdata, each after the OKAY of the previous one. */
    void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    void write(byte[] data, int off, int len) throws IOException {
        int max = maxData();
        while (len > 0) {
            int n = Math.min(len, max);
            awaitWritable();
            byte[] chunk = Arrays.copyOfRange(data, off, off + n);
            synchronized (lock) {
                if (closed) {
                    throw new StreamClosedException("stream " + localId + " closed");
                }
                okayPending = true;
            }
            connection.send(new AdbMessage(AdbMessage.WRTE, localId, remoteId, chunk));
            off += n;
            len -= n;
        }
    }

    private void awaitWritable() throws IOException {
        synchronized (lock) {
            while (okayPending && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StreamClosedException("interrupted waiting for OKAY on stream " + localId);
                }
            }
            if (closed) {
                throw new StreamClosedException("stream " + localId + " closed");
            }
        }
    }

    /** Waits (bounded) until the host has OKAYed our last WRTE; true if it did. */
    boolean awaitLastOkay(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (okayPending && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !okayPending;
        }
    }

    /** We are done: send CLSE (once) and forget the stream. */
    void close() {
        boolean send;
        synchronized (lock) {
            send = !closed;
            closed = true;
            lock.notifyAll();
        }
        connection.forget(this);
        if (send) {
            try {
                connection.send(AdbMessage.of(AdbMessage.CLSE, localId, remoteId));
            } catch (IOException e) {
                log.debug("stream {}: CLSE not sent: {}", localId, e.getMessage());
            }
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    // ---- called by the connection's reader thread ----

    void onOkay() {
        synchronized (lock) {
            okayPending = false;
            lock.notifyAll();
        }
    }

    void onData(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (inboundBytes + payload.length > MAX_INBOUND_BUFFER) {
                if (!overflowLogged) {
                    log.warn("stream {} ({}): host data not being read, dropping beyond {} bytes",
                            localId, service, MAX_INBOUND_BUFFER);
                    overflowLogged = true;
                }
                return;
            }
            inbound.addLast(payload);
            inboundBytes += payload.length;
            lock.notifyAll();
        }
    }

    /** Host CLSE or connection loss: wake everybody (and stop a running session), no CLSE back. */
    void onClosedByPeer() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            if (sessionThread != null) {
                sessionThread.interrupt();
            }
        }
    }

    /**
     * Runs a long-running command on this (the service's) thread until it returns or the host closes the
     * stream, which interrupts it. Returns its exit code.
     */
    int runSession(ShellSession session, ShellSession.Output out) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new StreamClosedException("stream " + localId + " closed");
            }
            sessionThread = Thread.currentThread();
        }
        try {
            return session.run(out);
        } catch (InterruptedException e) {
            throw new StreamClosedException("stream " + localId + " closed while its command ran");
        } finally {
            synchronized (lock) {
                sessionThread = null;
            }
            Thread.interrupted(); // an interrupt meant for the session must not outlive it
        }
    }

    /** Host data as a blocking stream; ends (-1) when the stream is closed and the buffer drained. */
    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                synchronized (lock) {
                    while (inbound.isEmpty() && !closed) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new StreamClosedException("interrupted reading stream " + localId);
                        }
                    }
                    if (inbound.isEmpty()) {
                        return -1;
                    }
                    byte[] head = inbound.peekFirst();
                    int n = Math.min(len, head.length - inboundOffset);
                    System.arraycopy(head, inboundOffset, b, off, n);
                    inboundOffset += n;
                    inboundBytes -= n;
                    if (inboundOffset == head.length) {
                        inbound.removeFirst();
                        inboundOffset = 0;
                    }
                    return n;
                }
            }
        };
    }
}
