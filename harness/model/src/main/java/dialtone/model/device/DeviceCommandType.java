package dialtone.model.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the backend can ask a phone to do over its command channel. */
public enum DeviceCommandType {
    /**
     * Admin clicked Signed Out in TAC: lock the screen ("provisioning in progress"), start a
     * device-code grant against {@code /{tenantId}/oauth2/v2.0/devicecode} and report the user code.
     */
    @JsonProperty("remoteSignIn") REMOTE_SIGN_IN
}
