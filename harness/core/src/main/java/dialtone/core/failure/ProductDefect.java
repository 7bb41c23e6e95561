package dialtone.core.failure;

/**
 * The phone or the backend did the wrong thing, said explicitly by a test or flow (a plain
 * {@link AssertionError} means the same). An {@code AssertionError}, so Allure shows it as failed.
 */
public class ProductDefect extends AssertionError implements Classified {
    public ProductDefect(String message) { super(message); }

    public ProductDefect(String message, Throwable cause) { super(message, cause); }

    @Override
    public FailureCategory category() { return FailureCategory.PRODUCT_DEFECT; }
}
