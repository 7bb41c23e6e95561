package dialtone.core.failure;

import java.util.Locale;

/**
 * What a failed (or skipped) test tells its reader: whose problem it is. Reports, retries and the
 * run's exit code key on this category, never on message text.
 */
public enum FailureCategory {
    /** The phone or the backend did the wrong thing: what a firmware validator files a bug for. */
    PRODUCT_DEFECT("Product defects"),
    /** ADB, Appium, the lease, the lab network: the lab failed, not the product. Retried once after recovery. */
    INFRASTRUCTURE("Infrastructure"),
    /** Tenant settings or account policy (MFA account, Intune enrolment blocked): the lab's configuration. */
    ENVIRONMENT("Environment and policy"),
    /** The test or its data (a device profile) is wrong: Dialtone's bug. */
    TEST_DEFECT("Test defects"),
    /** The model lacks what the test needs (handset, conference, firmware range): skipped, not failed. */
    NOT_APPLICABLE("Not applicable on model");

    private final String title;

    FailureCategory(String title) {
        this.title = title;
    }

    /** The name of the category in the Allure report and the terminal. */
    public String title() { return title; }

    /**
     * The tag put into a failure's trace ({@link FailureMarker}) for Allure's categories to match,
     * e.g. {@code [dialtone:infrastructure]}.
     */
    public String marker() {
        return "[dialtone:" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "]";
    }

    /** Only infrastructure failures are worth a second attempt: everything else would fail the same way. */
    public boolean retryable() {
        return this == INFRASTRUCTURE;
    }
}
