package dialtone.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why the backend refused a verification code ({@code error} of the HTTP 400 body of
 * {@code POST /device/v1/devices/{mac}/provision}; {@code message} is what the phone shows).
 */
public enum ProvisionError {
    /** Not a code the backend knows for this phone (wrong digits). Counts as a wrong attempt. */
    INVALID_CODE("invalid_code"),
    /** An earlier code of this phone that the admin replaced by generating a new one. Counts as a wrong attempt. */
    REPLACED_CODE("replaced_code"),
    /** The current code of another phone of the same tenant. Counts as a wrong attempt. */
    WRONG_DEVICE("wrong_device"),
    /** Older than 24 h: the admin must generate a new one. */
    EXPIRED_CODE("expired_code"),
    /** Already used once. */
    USED_CODE("used_code"),
    /** The MAC was never added for remote provisioning. */
    UNKNOWN_DEVICE("unknown_device"),
    /** The phone is bound to a tenant: factory reset it first. */
    ALREADY_PROVISIONED("already_provisioned"),
    /**
     * The phone is bound to one tenant and the code entered is the current code of another tenant
     * that added its MAC: it was provisioned in another organization and must be factory reset first.
     */
    PROVISIONED_ELSEWHERE("provisioned_elsewhere"),
    /** Five wrong codes on this phone: its code is locked until the admin generates a new one. */
    TOO_MANY_ATTEMPTS("too_many_attempts");

    private final String wireName;

    ProvisionError(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ProvisionError fromWireName(String name) {
        for (ProvisionError e : values()) {
            if (e.wireName.equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown provisioning error \"" + name + "\"");
    }
}
