package dialtone.model.provisioning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a provisioning record stands; the first two are TAC's tabs. */
public enum ProvisioningState {
    /** Added by MAC, no verification code entered on the phone yet. */
    WAITING_ON_ACTIVATION("waitingOnActivation"),
    /** Provisioned to the tenant, user status Signed Out. */
    WAITING_FOR_SIGN_IN("waitingForSignIn"),
    /** Signed in: the record has left the tabs. */
    SIGNED_IN("signedIn"),
    /**
     * Someone signed out on the phone itself: the record does not return to Waiting for sign in
     * and the phone cannot be provisioned again until it is factory reset (the field guide).
     */
    SIGNED_OUT_ON_DEVICE("signedOutOnDevice");

    private final String wireName;

    ProvisioningState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses the wire name; {@code IllegalArgumentException} names the accepted values. */
    @JsonCreator
    public static ProvisioningState fromWireName(String name) {
        for (ProvisioningState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown provisioning state \"" + name
                + "\"; expected waitingOnActivation, waitingForSignIn, signedIn or signedOutOnDevice");
    }

    /** Shown in one of TAC's two tabs. */
    public boolean isShownInTabs() {
        return this == WAITING_ON_ACTIVATION || this == WAITING_FOR_SIGN_IN;
    }
}
