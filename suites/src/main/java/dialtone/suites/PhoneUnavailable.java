package dialtone.suites;

import dialtone.core.failure.Classified;
import dialtone.core.failure.FailureCategory;
import dialtone.core.failure.FailureClassifier;
import org.testng.SkipException;

/**
 * The test's phone cannot be used (quarantined, in maintenance, leased by another run) and no
 * phone of its model can stand in: TestNG skips it, and the report files it under infrastructure.
 */
public final class PhoneUnavailable extends SkipException implements Classified {
    public PhoneUnavailable(String reason) {
        super("phone unavailable: " + reason);
        FailureClassifier.mark(this); // the marker in its trace files it under Infrastructure in Allure (a skip is not marked by FailureListener)
    }

    @Override
    public FailureCategory category() { return FailureCategory.INFRASTRUCTURE; }
}
