package dialtone.simulator.adb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host connection: the reader loop (run on its own thread), the handshake and the stream table.
 * Each opened stream's service runs on a thread of its own so that the reader can keep delivering
 * OKAYs and data. Any protocol violation closes this connection only.
 */
final class AdbConnection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AdbConnection.class);

    private final Socket socket;
    private final AdbDevice device;
    private final Handshake handshake;
    private final Executor executor;
    private final Consumer<Runnable> afterCloseRunner;
    private final Consumer<AdbConnection> onClosed;
    private final String name;

    private final Map<Integer, AdbStream> streams = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object writeLock = new Object();
    private OutputStream out;

    private volatile boolean established;
    private volatile int maxData = AdbMessage.MAX_HANDSHAKE_PAYLOAD;
    private int nextLocalId = 1; // reader thread only

    AdbConnection(Socket socket, AdbDevice device, Handshake handshake, Executor executor,
                  Consumer<Runnable> afterCloseRunner, Consumer<AdbConnection> onClosed) {
        this.socket = socket;
        this.device = device;
        this.handshake = handshake;
        this.executor = executor;
        this.afterCloseRunner = afterCloseRunner;
        this.onClosed = onClosed;
        this.name = "adb connection from " + socket.getRemoteSocketAddress();
    }

    int maxData() {
        return maxData;
    }

    @Override
    public void run() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            synchronized (writeLock) {
                out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            }
            while (!closed.get()) {
                AdbMessage msg = AdbMessageCodec.read(in, established ? maxData : AdbMessage.MAX_HANDSHAKE_PAYLOAD);
                if (msg == null) {
                    log.debug("{}: host closed the connection", name);
                    break;
                }
                handle(msg);
            }
        } catch (AdbProtocolException e) {
            log.warn("{}: dropping connection: {}", name, e.getMessage());
        } catch (IOException e) {
            if (!closed.get()) {
                log.debug("{}: connection lost: {}", name, e.toString());
            }
        } catch (RuntimeException e) {
            log.warn("{}: dropping connection after internal error", name, e);
        } finally {
            close();
        }
    }

    private void handle(AdbMessage msg) throws IOException {
        if (log.isTraceEnabled()) {
            log.trace("{}: <- {}", name, msg);
        }
        switch (msg.command()) {
            case AdbMessage.CNXN -> onConnect(msg);
            case AdbMessage.AUTH -> onAuth(msg);
            case AdbMessage.OPEN -> onOpen(requireEstablished(msg));
            case AdbMessage.OKAY -> {
                AdbStream s = streams.get(requireEstablished(msg).arg1());
                if (s != null) {
                    s.onOkay();
                }
            }
            case AdbMessage.WRTE -> onWrite(requireEstablished(msg));
            case AdbMessage.CLSE -> {
                AdbStream s = streams.remove(requireEstablished(msg).arg1());
                if (s != null) {
                    s.onClosedByPeer();
                }
            }
            default -> throw new AdbProtocolException("unsupported command " + AdbMessage.name(msg.command()));
        }
    }

    private AdbMessage requireEstablished(AdbMessage msg) throws AdbProtocolException {
        if (!established) {
            throw new AdbProtocolException(AdbMessage.name(msg.command()) + " before the connection was established");
        }
        return msg;
    }

    private void onConnect(AdbMessage hello) throws IOException {
        if (hello.payload().length > AdbMessage.MAX_HANDSHAKE_PAYLOAD) {
            throw new AdbProtocolException("CNXN payload of " + hello.payload().length + " bytes exceeds "
                    + AdbMessage.MAX_HANDSHAKE_PAYLOAD);
        }
        int hostMax = hello.arg1();
        if (Integer.compareUnsigned(hostMax, 256) < 0) {
            throw new AdbProtocolException("host maxdata " + Integer.toUnsignedString(hostMax) + " is too small");
        }
        if (established) {
            log.debug("{}: CNXN again, resetting {} streams", name, streams.size());
            resetStreams();
            established = false;
        }
        int negotiated = Integer.compareUnsigned(hostMax, AdbMessage.MAX_PAYLOAD) < 0 ? hostMax : AdbMessage.MAX_PAYLOAD;
        maxData = negotiated;
        log.debug("{}: host says {}; maxdata {}", name,
                new String(hello.payload(), StandardCharsets.UTF_8).replace("\0", ""), negotiated);
        apply(handshake.onConnect(hello, accept(negotiated)));
    }

    private void onAuth(AdbMessage auth) throws IOException {
        if (auth.payload().length > AdbMessage.MAX_HANDSHAKE_PAYLOAD) {
            throw new AdbProtocolException("AUTH payload of " + auth.payload().length + " bytes exceeds "
                    + AdbMessage.MAX_HANDSHAKE_PAYLOAD);
        }
        if (established) {
            log.debug("{}: ignoring AUTH on an established connection", name);
            return;
        }
        apply(handshake.onAuth(auth, accept(maxData)));
    }

    private AdbMessage accept(int negotiated) {
        return AdbMessage.of(AdbMessage.CNXN, AdbMessage.VERSION, negotiated, Banner.of(device));
    }

    private void apply(Handshake.Step step) throws IOException {
        if (step.reject() != null) {
            throw new AdbProtocolException(step.reject());
        }
        for (AdbMessage reply : step.replies()) {
            send(reply);
        }
        established = step.established();
    }

    private void onOpen(AdbMessage open) throws IOException {
        int remoteId = open.arg0();
        if (remoteId == 0) {
            throw new AdbProtocolException("OPEN with local-id 0");
        }
        String service = serviceName(open.payload());
        Service handler = Services.resolve(service);
        if (handler == null) {
            log.debug("{}: unknown service '{}', refusing", name, service);
            send(AdbMessage.of(AdbMessage.CLSE, 0, remoteId));
            return;
        }
        int localId = nextLocalId++;
        if (nextLocalId <= 0) {
            nextLocalId = 1;
        }
        AdbStream stream = new AdbStream(this, localId, remoteId, service);
        streams.put(localId, stream);
        send(AdbMessage.of(AdbMessage.OKAY, localId, remoteId));
        try {
            executor.execute(() -> runService(handler, stream));
        } catch (RejectedExecutionException e) {
            log.warn("{}: no thread for service '{}', closing the stream", name, service);
            stream.close();
        }
    }

    private void runService(Service handler, AdbStream stream) {
        Runnable afterClose = null;
        try {
            afterClose = handler.run(stream, device);
        } catch (StreamClosedException e) {
            log.debug("{}: stream {} ({}) ended early: {}", name, stream.localId, stream.service, e.getMessage());
        } catch (IOException e) {
            log.debug("{}: stream {} ({}) failed: {}", name, stream.localId, stream.service, e.toString());
        } catch (RuntimeException e) {
            log.warn("{}: service '{}' failed", name, stream.service, e);
        } finally {
            if (afterClose != null) {
                // the reply must really be out before the phone, say, reboots and drops the connection
                stream.awaitLastOkay(2, TimeUnit.SECONDS);
            }
            stream.close();
            if (afterClose != null) {
                afterCloseRunner.accept(afterClose);
            }
        }
    }

    private void onWrite(AdbMessage wrte) throws IOException {
        AdbStream s = streams.get(wrte.arg1());
        if (s == null) {
            log.debug("{}: WRTE for unknown stream {}, ignored", name, wrte.arg1());
            return;
        }
        s.onData(wrte.payload());
        send(AdbMessage.of(AdbMessage.OKAY, s.localId, s.remoteId));
    }

    static String serviceName(byte[] payload) {
        int end = 0;
        while (end < payload.length && payload[end] != 0) {
            end++;
        }
        return new String(payload, 0, end, StandardCharsets.UTF_8);
    }

    void forget(AdbStream stream) {
        streams.remove(stream.localId, stream);
    }

    /** Sends one message; thread-safe. On failure the connection is closed. */
    void send(AdbMessage msg) throws IOException {
        byte[] bytes = AdbMessageCodec.encode(msg);
        synchronized (writeLock) {
            if (closed.get() || out == null) {
                throw new StreamClosedException("connection closed");
            }
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                close();
                throw e;
            }
        }
        if (log.isTraceEnabled()) {
            log.trace("{}: -> {}", name, msg);
        }
    }

    private void resetStreams() {
        for (AdbStream s : new ArrayList<>(streams.values())) {
            s.onClosedByPeer();
        }
        streams.clear();
    }

    /** Drops the connection and wakes every stream. Idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        resetStreams();
        onClosed.accept(this);
        log.debug("{}: closed", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
