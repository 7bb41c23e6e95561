package dialtone.simulator.adb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adbd side of the ADB transport protocol over TCP, for one virtual phone. Speaks enough of the
 * protocol that dadb and the stock {@code adb} client cannot tell it from a phone with
 * {@code adb tcpip}: CNXN with or without RSA AUTH ({@link AdbAuth}), streams with adbd's flow control, and
 * the {@code shell:}, {@code shell,v2,...:}, {@code exec:}, {@code reboot:} and {@code sync:} services, all
 * answered by an {@link AdbDevice}.
 *
 * <p>Threads: one acceptor, one reader per connection and one per open stream, all daemon threads
 * named {@code adbd-<port>-N} from a bounded pool. Hostile input only drops the connection it came on.
 */
public final class AdbDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdbDaemon.class);
    /** Threads for acceptor + connections + streams; beyond this new connections/streams are refused. */
    static final int MAX_THREADS = 256;

    private final ServerSocket server;
    private final AdbDevice device;
    private final Supplier<Handshake> handshakes;
    private final int port;
    private final ThreadFactory threads;
    private final ThreadPoolExecutor executor;
    private final Set<AdbConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Released when the acceptor has left accept(): only then has the JDK really closed the listening socket. */
    private final CountDownLatch acceptorDone = new CountDownLatch(1);

    private AdbDaemon(ServerSocket server, AdbDevice device, Supplier<Handshake> handshakes) {
        this.server = server;
        this.device = device;
        this.handshakes = handshakes;
        this.port = server.getLocalPort();
        AtomicInteger n = new AtomicInteger();
        this.threads = r -> {
            Thread t = new Thread(r, "adbd-" + port + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /**
     * Binds {@code host:port} (port 0 = any free port) with SO_REUSEADDR, so a phone can close and
     * re-start on the same port right away after a "reboot", and starts accepting.
     */
    public static AdbDaemon start(String host, int port, AdbDevice device) throws IOException {
        return start(host, port, device, AdbAuth.none());
    }

    /**
     * As {@link #start(String, int, AdbDevice)}, asking hosts for RSA AUTH as {@code auth} says. Pass the same
     * {@link AdbAuth} to every start of one phone: keys it remembered survive the reboot.
     */
    public static AdbDaemon start(String host, int port, AdbDevice device, AdbAuth auth) throws IOException {
        Objects.requireNonNull(auth, "auth");
        return start(host, port, device, auth::handshake);
    }

    /** As {@link #start(String, int, AdbDevice)} with a given auth policy (one handshake per connection). */
    static AdbDaemon start(String host, int port, AdbDevice device, Supplier<Handshake> handshakes) throws IOException {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(handshakes, "handshakes");
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(host, port), 50);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        AdbDaemon daemon = new AdbDaemon(server, device, handshakes);
        daemon.executor.execute(daemon::acceptLoop);
        log.info("adbd listening on {}:{}", host, daemon.port);
        return daemon;
    }

    public int port() {
        return port;
    }

    /** Open host connections (for tests and diagnostics). */
    int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        try {
            acceptConnections();
        } finally {
            acceptorDone.countDown();
        }
    }

    private void acceptConnections() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                if (!closed.get()) {
                    log.warn("adbd-{}: accept failed, no longer listening", port, e);
                }
                return;
            } catch (IOException e) {
                log.warn("adbd-{}: accept failed", port, e);
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException ignored) {
                // best effort
            }
            AdbConnection connection = new AdbConnection(socket, device, handshakes.get(), executor,
                    this::runAfterClose, connections::remove);
            connections.add(connection);
            if (closed.get()) { // raced with close(): do not leave it behind
                connection.close();
                return;
            }
            try {
                executor.execute(connection);
            } catch (RejectedExecutionException e) {
                log.warn("adbd-{}: too many threads, refusing {}", port, connection);
                connection.close();
            }
        }
    }

    /** After-close actions get their own thread: they may well close this daemon (and its pool). */
    private void runAfterClose(Runnable action) {
        threads.newThread(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("adbd-{}: after-close action failed", port, e);
            }
        }).start();
    }

    /** Drops every open host connection but keeps listening, as when a cable is pulled and plugged back in. */
    public void dropConnections() {
        for (AdbConnection c : new ArrayList<>(connections)) {
            c.close();
        }
    }

    /** Stops listening and drops every connection (the phone is rebooting / powered off). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log.debug("adbd-{}: closing the listener: {}", port, e.toString());
        }
        // A thread blocked in accept() keeps the listening socket alive in the kernel until it wakes up;
        // wait for it, so that start() on the same port works right after close() returns.
        try {
            if (!acceptorDone.await(5, TimeUnit.SECONDS)) {
                log.warn("adbd-{}: acceptor did not stop within 5 s", port);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AdbConnection c : new ArrayList<>(connections)) {
            c.close();
        }
        executor.shutdownNow();
        log.info("adbd-{} closed", port);
    }

    @Override
    public String toString() {
        return "AdbDaemon[port=" + port + (closed.get() ? ", closed" : "") + "]";
    }
}
