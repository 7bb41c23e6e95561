package dialtone.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why the backend refused a verification code ({@code error} of the HTTP 400 body of
 * {@code POST /device/v1/devices/{mac}/provision}; {@code message} is what the phone shows).
 */
public enum ProvisionError {
    /** Not a current code of this phone (wrong digits, replaced by a newer code, or another phone's code). */
    INVALID_CODE("invalid_code"),
    /** Older than 24 h: the admin must generate a new one. */
    EXPIRED_CODE("expired_code"),
    /** Already used once. */
    USED_CODE("used_code"),
    /** The MAC was never added for remote provisioning. */
    UNKNOWN_DEVICE("unknown_device"),
    /** The phone is bound to a tenant: factory reset it first. */
    ALREADY_PROVISIONED("already_provisioned"),
    /** Too many wrong codes for this phone (reserved: throttling is a later issue). */
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
