package dialtone.core.failure;

/**
 * Added to a failure as a suppressed exception, so the classification travels with it: Allure's
 * trace of the failure then ends with a line like
 * {@code Suppressed: dialtone.core.failure.FailureMarker: [dialtone:infrastructure] Infrastructure: ADB to the phone failed},
 * which {@code reports/categories.json} matches. It has no stack trace of its own.
 */
public final class FailureMarker extends RuntimeException {
    private final Classification classification;

    FailureMarker(Classification classification) {
        super(classification.category().marker() + " " + classification, null, false, false);
        this.classification = classification;
    }

    public Classification classification() { return classification; }
}
