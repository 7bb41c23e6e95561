package dialtone.backend.store.h2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dialtone.backend.store.AuditRepository;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.DeviceCredentialRepository;
import dialtone.backend.store.GrantRepository;
import dialtone.backend.store.PhoneRepository;
import dialtone.backend.store.ProvisioningRepository;
import dialtone.backend.store.StoreException;
import dialtone.backend.store.TenantRepository;
import dialtone.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's state in an embedded H2 database: {@code <dataDir>/dialtone-backend.mv.db}.
 *
 * <p>Each entity is a JSON document (the model's Jackson mapper) in a table keyed by its natural
 * key ({@link Schema}). {@link #inTransaction} is one database transaction on one connection;
 * transactions run one at a time (as in {@link dialtone.backend.store.InMemoryStore}), so a
 * read-modify-write never races another, and reads outside a transaction see the last commit.
 * Every commit is written to the file before the call returns ({@code WRITE_DELAY=0}), so a
 * {@code kill -9} loses nothing that was answered; a power cut may lose the last commits (no fsync).
 */
public final class H2Store implements BackendStore, AutoCloseable {
    /** The database file's name in the data directory (H2 adds {@code .mv.db}). */
    public static final String DATABASE_NAME = "dialtone-backend";
    private static final Logger log = LoggerFactory.getLogger(H2Store.class);
    private static final int DATABASE_IN_USE = 90020;
    /** H2 locks the file against other processes; within one JVM it would share the database, so refuse here. */
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final String description;
    private final Path dataDir;
    private final JdbcConnectionPool pool;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final Documents documents;
    private final TenantRepository tenants;
    private final ProvisioningRepository provisioning;
    private final PhoneRepository phones;
    private final GrantRepository grants;
    private final DeviceCredentialRepository credentials;
    private final AuditRepository audit;

    private H2Store(String url, String description, Path dataDir) {
        this.description = description;
        this.dataDir = dataDir;
        this.pool = JdbcConnectionPool.create(url, "dialtone", "");
        pool.setMaxConnections(64);
        ObjectMapper json = Json.newMapper();
        this.documents = new Documents(this, json);
        this.tenants = new H2TenantRepository(this, documents, json);
        this.provisioning = new H2ProvisioningRepository(documents);
        this.phones = new H2PhoneRepository(documents);
        this.grants = new H2GrantRepository(documents);
        this.credentials = new H2DeviceCredentialRepository(documents);
        this.audit = new H2AuditRepository(documents);
        try (Connection c = pool.getConnection()) {
            Schema.migrate(c);
        } catch (SQLException e) {
            release();
            throw failure(e.getErrorCode() == DATABASE_IN_USE ? inUse(description) : "cannot open " + description, e);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
        log.info("store: {} (schema version {})", description, Schema.VERSION);
    }

    /** Opens (creating if needed, owner-only permissions) the database in {@code dataDir}. */
    public static H2Store open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        createPrivateDirectory(dir);
        String description = "the data directory " + dir;
        if (!OPEN_IN_THIS_JVM.add(dir)) {
            throw new StoreException(inUse(description));
        }
        String url = "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        return new H2Store(url, description, dir);
    }

    /** A private in-memory database (tests that want H2's behaviour without a file). */
    public static H2Store inMemory() {
        return new H2Store("jdbc:h2:mem:dialtone-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "an in-memory H2 database", null);
    }

    @Override
    public TenantRepository tenants() {
        return tenants;
    }

    @Override
    public ProvisioningRepository provisioning() {
        return provisioning;
    }

    @Override
    public PhoneRepository phones() {
        return phones;
    }

    @Override
    public GrantRepository grants() {
        return grants;
    }

    @Override
    public DeviceCredentialRepository credentials() {
        return credentials;
    }

    @Override
    public AuditRepository audit() {
        return audit;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (transaction.get() != null) {
            return work.get();
        }
        oneAtATime.lock();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            transaction.set(c);
            try {
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException e) {
                if (BackendStore.isAnswer(e)) {
                    c.commit();
                } else {
                    rollback(c);
                }
                throw e;
            } catch (Error e) {
                rollback(c);
                throw e;
            } finally {
                transaction.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("a transaction on " + description + " failed", e);
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Runs {@code sql} on this thread's transaction, or outside one on a pooled connection of its own. */
    <T> T withConnection(String operation, SqlWork<T> sql) {
        Connection open = transaction.get();
        try {
            if (open != null) {
                return sql.run(open);
            }
            try (Connection c = pool.getConnection()) {
                return sql.run(c);
            }
        } catch (SQLException e) {
            throw failure(operation + " on " + description + " failed", e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Closes the database cleanly (a {@code kill -9} instead is survived too, see the class comment). */
    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.warn("closing {} failed (H2 error {})", description, e.getErrorCode());
        } finally {
            release();
        }
    }

    private void release() {
        pool.dispose();
        if (dataDir != null) {
            OPEN_IN_THIS_JVM.remove(dataDir);
        }
    }

    private static String inUse(String description) {
        return description + " is in use by another backend (only one may open it at a time)";
    }

    @Override
    public String toString() {
        return "H2Store[" + description + "]";
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.warn("rollback failed (H2 error {})", e.getErrorCode());
        }
    }

    /** H2's own message is kept out: it may quote a key value (a token) or a document. */
    private static StoreException failure(String what, SQLException e) {
        return new StoreException(what + " (H2 error " + e.getErrorCode() + ", SQL state " + e.getSQLState() + ")");
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }
}
