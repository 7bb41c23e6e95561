package dialtone.model.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the backend can ask a phone to do over its command channel. */
public enum DeviceCommandType {
    /**
     * Admin clicked Signed Out in TAC: lock the screen ("provisioning in progress"), start a
     * device-code grant against {@code /{tenantId}/oauth2/v2.0/devicecode} and report the user code.
     */
    @JsonProperty("remoteSignIn") REMOTE_SIGN_IN,
    /**
     * Graph {@code restart} on the inventory: the command id is the {@code deviceRestart}
     * operation's id. The phone answers the command to say it starts (or why it cannot), restarts,
     * then reports the outcome at {@code /device/v1/devices/{mac}/operations/{id}}.
     */
    @JsonProperty("restart") RESTART
}
