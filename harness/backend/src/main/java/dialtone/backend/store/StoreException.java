package dialtone.backend.store;

/**
 * The store itself failed (disk, database file, schema). Messages name the operation and the
 * database's error code, never the data: a driver's own message may quote a token or a password.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }
}
