package dialtone.core.failure;

import java.util.Objects;

/** A failure's category and a short reason in the reader's words ("ADB to the phone failed"). */
public record Classification(FailureCategory category, String reason) {
    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return category.title() + ": " + reason;
    }
}
