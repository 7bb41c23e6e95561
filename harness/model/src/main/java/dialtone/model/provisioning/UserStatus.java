package dialtone.model.provisioning;

import com.fasterxml.jackson.annotation.JsonProperty;

/** TAC's "Device user status" of a provisioned record. */
public enum UserStatus {
    @JsonProperty("signedOut") SIGNED_OUT,
    @JsonProperty("signedIn") SIGNED_IN
}
