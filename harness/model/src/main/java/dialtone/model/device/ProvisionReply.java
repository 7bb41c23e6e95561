package dialtone.model.device;

/** Code accepted: the phone is bound to this tenant. */
public record ProvisionReply(String tenantId, String organizationName) {
}
