package dialtone.model.device;

/** When the backend expects the next heartbeat; after a few missed ones the inventory shows the phone offline. */
public record HeartbeatReply(long heartbeatIntervalSeconds) {
}
