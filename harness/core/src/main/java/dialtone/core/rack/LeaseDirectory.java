package dialtone.core.rack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease files of one rack ({@code leases/DEVICE.json} in the rack's state directory), shared by
 * every harness process of the lab host. Every read-decide-write happens under an exclusive lock
 * on {@code leases/.lock} (a file lock between processes, a JVM lock within one), and a lease file
 * is replaced atomically, so two processes never both see a phone free.
 * <p>A lease is taken over, with the reason logged, when it expired (its holder stopped renewing
 * it) or when its holder's process on this host is gone. A lease file that cannot be read is never
 * taken over: the phone is reported with the file and what is wrong with it.
 */
public final class LeaseDirectory {
    private static final Logger log = LoggerFactory.getLogger(LeaseDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** FileChannel locks belong to the JVM: threads of one process take turns here first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path dir;
    private final Duration ttl;
    private final Clock clock;

    public LeaseDirectory(Path dir, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("a lease's time to live must be positive, got " + ttl);
        this.dir = dir;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Path dir() { return dir; }

    public Duration ttl() { return ttl; }

    /** The holder this process is for {@code run}. */
    public static Lease.Holder holder(String run) {
        return new Lease.Holder(run, ProcessHandle.current().pid(), HOST);
    }

    private static final String HOST = localHost();

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }

    /** What came of asking for a phone. */
    public sealed interface Attempt {
        /** The phone is ours; {@code tookOver} says whose lease was taken over and why. */
        record Acquired(Lease lease, Optional<String> tookOver) implements Attempt {}

        /** Another live holder has it. */
        record Held(Lease by) implements Attempt {}

        /** The lease file is not a lease: a person must look at it. */
        record Unreadable(String problem) implements Attempt {}
    }

    /** Leases {@code device} to {@code me} unless another live holder has it. */
    public Attempt tryAcquire(String device, Lease.Holder me) {
        return locked(() -> {
            Instant now = clock.instant();
            Optional<Lease> current;
            try {
                current = read(device);
            } catch (LeaseFileException e) {
                return new Attempt.Unreadable(e.getMessage());
            }
            Optional<String> tookOver = Optional.empty();
            if (current.isPresent() && !current.get().holder().equals(me)) {
                Lease other = current.get();
                Optional<String> stale = staleness(other, now);
                if (stale.isEmpty()) return new Attempt.Held(other);
                tookOver = stale;
                log.warn("{}: taking over the lease of {}: {}", device, other.holder(), stale.get());
            }
            Instant acquired = current.filter(l -> l.holder().equals(me)).map(Lease::acquired).orElse(now);
            Lease lease = new Lease(device, me, acquired, now.plus(ttl));
            write(lease);
            return new Attempt.Acquired(lease, tookOver);
        });
    }

    /** Why another holder's lease no longer counts, if it does not. */
    private Optional<String> staleness(Lease other, Instant now) {
        if (other.expiredAt(now)) {
            return Optional.of("it expired at " + other.expires() + " (its holder stopped renewing it)");
        }
        if (other.holder().host().equals(HOST) && !ProcessHandle.of(other.holder().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of("its holder's process " + other.holder().pid() + " on this host is gone");
        }
        return Optional.empty();
    }

    /** Extends our lease by the time to live; empty when it is no longer ours (taken over, or its file removed). */
    public Optional<Lease> renew(Lease lease) {
        return locked(() -> {
            Optional<Lease> current;
            try {
                current = read(lease.device());
            } catch (LeaseFileException e) {
                log.error("{}: cannot renew the lease: {}", lease.device(), e.getMessage());
                return Optional.empty();
            }
            if (current.isEmpty() || !current.get().holder().equals(lease.holder())) {
                return Optional.empty();
            }
            Lease renewed = new Lease(lease.device(), lease.holder(), lease.acquired(), clock.instant().plus(ttl));
            write(renewed);
            return Optional.of(renewed);
        });
    }

    /** Gives the phone back; a lease already taken over by another holder is left alone. */
    public void release(Lease lease) {
        locked(() -> {
            try {
                Optional<Lease> current = read(lease.device());
                if (current.isPresent() && current.get().holder().equals(lease.holder())) {
                    Files.deleteIfExists(file(lease.device()));
                }
            } catch (LeaseFileException e) {
                log.warn("{}: lease not released: {}", lease.device(), e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the lease " + file(lease.device()), e);
            }
            return null;
        });
    }

    /** The phone's lease file, if there is one (expired or not). */
    public Optional<Lease> read(String device) {
        Path f = file(device);
        if (!Files.exists(f)) return Optional.empty();
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
            Lease lease = new Lease(text(n, "device"), new Lease.Holder(text(n, "run"), n.path("pid").asLong(-1), text(n, "host")),
                    Instant.parse(text(n, "acquired")), Instant.parse(text(n, "expires")));
            if (!lease.device().equals(device)) throw new IllegalArgumentException("it names device '" + lease.device() + "'");
            if (lease.holder().pid() <= 0) throw new IllegalArgumentException("missing or bad 'pid'");
            return Optional.of(lease);
        } catch (IOException | RuntimeException e) {
            throw new LeaseFileException("lease file " + f + " is unreadable (" + e.getMessage()
                    + "); delete it if no run holds " + device, e);
        }
    }

    private static String text(JsonNode n, String key) {
        if (!n.hasNonNull(key) || n.get(key).asText().isBlank()) throw new IllegalArgumentException("missing '" + key + "'");
        return n.get(key).asText();
    }

    private void write(Lease lease) {
        ObjectNode n = JSON.createObjectNode();
        n.put("device", lease.device());
        n.put("run", lease.holder().run());
        n.put("pid", lease.holder().pid());
        n.put("host", lease.holder().host());
        n.put("acquired", lease.acquired().toString());
        n.put("expires", lease.expires().toString());
        Path f = file(lease.device());
        try {
            Path tmp = Files.createTempFile(dir, lease.device() + ".", ".tmp");
            Files.writeString(tmp, n.toPrettyString() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lease file " + f, e);
        }
    }

    private Path file(String device) {
        return dir.resolve(device + ".json");
    }

    private <T> T locked(Supplier<T> body) {
        IN_PROCESS.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                return body.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the lease directory " + dir, e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** A lease file that is not a lease. */
    public static final class LeaseFileException extends RuntimeException {
        LeaseFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
