package dialtone.suites;

import dialtone.core.failure.Classified;
import dialtone.core.failure.FailureCategory;
import org.testng.SkipException;

/** The test does not apply to this phone's model or firmware: TestNG skips it with this reason. */
public final class NotApplicable extends SkipException implements Classified {
    public NotApplicable(String reason) {
        super(reason);
    }

    @Override
    public FailureCategory category() { return FailureCategory.NOT_APPLICABLE; }
}
