package dialtone.core.rack;

/** Whether a rack phone can be trusted with tests (LAVA's device health), apart from its {@link Allocation}. */
public enum Health implements Condition {
    /** Passed its last preflight. */
    GOOD,
    /** Not checked yet (a new phone, or one back from maintenance). */
    UNKNOWN,
    /** Quarantined: failed preflight or recovery; checked again by the next run's preflight. */
    BAD,
    /** Taken out by a person ({@code dialtone rack --maintenance}): never leased until put back. */
    MAINTENANCE
}
