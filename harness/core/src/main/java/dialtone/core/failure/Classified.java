package dialtone.core.failure;

/** An exception that knows its own category; the classifier takes its word over any cause. */
public interface Classified {
    FailureCategory category();
}
