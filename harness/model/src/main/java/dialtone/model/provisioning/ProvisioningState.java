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
    SIGNED_IN("signedIn");

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
                + "\"; expected waitingOnActivation, waitingForSignIn or signedIn");
    }

    /** Shown in one of TAC's two tabs. */
    public boolean isShownInTabs() {
        return this != SIGNED_IN;
    }
}
