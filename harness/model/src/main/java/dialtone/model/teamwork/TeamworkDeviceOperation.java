package dialtone.model.teamwork;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Graph (beta) {@code teamworkDeviceOperation}: an action on a device (restart, ...) and how far it got.
 *
 * @param operationType {@code deviceRestart}, ...
 * @param status {@code queued}, {@code inProgress}, {@code successful} or {@code failed}
 * @param error set when {@code failed}
 */
public record TeamworkDeviceOperation(
        String id,
        String operationType,
        String status,
        Instant createdDateTime,
        Instant startedDateTime,
        Instant completedDateTime,
        Instant lastActionDateTime,
        TeamworkOperationError error) {
    public static final String DEVICE_RESTART = "deviceRestart";
    public static final String QUEUED = "queued";
    public static final String IN_PROGRESS = "inProgress";
    public static final String SUCCESSFUL = "successful";
    public static final String FAILED = "failed";

    /** Queued or in progress: a new operation on the same device is refused until it ends. */
    @JsonIgnore
    public boolean isActive() {
        return QUEUED.equals(status) || IN_PROGRESS.equals(status);
    }
}
