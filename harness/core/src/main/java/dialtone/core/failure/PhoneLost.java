package dialtone.core.failure;

/**
 * Every rung of the recovery ladder was tried and the phone is still not usable: the lab lost it.
 * The caller takes it out of the run (quarantine); its tests are not the firmware's failures.
 */
public final class PhoneLost extends InfrastructureProblem {
    private final String device;

    public PhoneLost(String device, String message) {
        super(message);
        this.device = device;
    }

    public String device() { return device; }
}
