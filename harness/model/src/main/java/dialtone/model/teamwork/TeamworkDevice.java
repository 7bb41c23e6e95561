package dialtone.model.teamwork;

import java.time.Instant;

/** Microsoft Graph (beta) {@code teamworkDevice}, the fields Dialtone uses. */
public record TeamworkDevice(
        String id,
        String deviceType,
        String healthStatus,
        String activityState,
        TeamworkUserIdentity currentUser,
        TeamworkHardwareDetail hardwareDetail,
        Instant createdDateTime,
        Instant lastModifiedDateTime) {
    public static final String IP_PHONE = "ipPhone";
}
