package dialtone.model.device;

/** Whether the backend has the phone bound to a tenant (the sign-in screen then shows the org name). */
public record HelloReply(boolean provisioned, String tenantId, String organizationName) {
}
