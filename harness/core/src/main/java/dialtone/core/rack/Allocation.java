package dialtone.core.rack;

/** Where a rack phone is in its use by runs (LAVA's allocation state), apart from its {@link Health}. */
public enum Allocation implements Condition {
    /** No run holds the phone. */
    IDLE,
    /** A run holds the phone's lease; no test is on it right now. */
    LEASED,
    /** A test is running on the phone. */
    RUNNING
}
