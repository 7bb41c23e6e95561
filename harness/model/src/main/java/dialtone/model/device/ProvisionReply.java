package dialtone.model.device;

/**
 * Code accepted: the phone is bound to this tenant. {@code deviceSecret} is the phone's credential
 * for later device calls (header {@code X-Device-Secret}); it is sent only in this reply and the
 * backend keeps only its hash. {@link #toString()} hides it.
 */
public record ProvisionReply(String tenantId, String organizationName, String deviceSecret) {
    /** The header a provisioned phone sends its credential in. */
    public static final String DEVICE_SECRET_HEADER = "X-Device-Secret";

    @Override
    public String toString() {
        return "ProvisionReply[tenantId=" + tenantId + ", organizationName=" + organizationName + ", deviceSecret=***]";
    }
}
