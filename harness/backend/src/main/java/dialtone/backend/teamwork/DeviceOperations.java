package dialtone.backend.teamwork;

import static dialtone.model.teamwork.TeamworkDeviceOperation.FAILED;
import static dialtone.model.teamwork.TeamworkDeviceOperation.IN_PROGRESS;
import static dialtone.model.teamwork.TeamworkDeviceOperation.QUEUED;
import static dialtone.model.teamwork.TeamworkDeviceOperation.SUCCESSFUL;

import dialtone.backend.ApiException;
import dialtone.backend.TenantConfig;
import dialtone.backend.device.CommandChannel;
import dialtone.backend.store.PhoneEntry;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.device.CommandResult;
import dialtone.model.device.DeviceCommandType;
import dialtone.model.device.OperationReport;
import dialtone.model.teamwork.TeamworkDeviceOperation;
import dialtone.model.teamwork.TeamworkOperationError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Graph's device operations ({@code restart}): queued when the admin asks, {@code inProgress} when
 * the phone answers the {@code restart} command on its command channel, {@code successful} or
 * {@code failed} when it reports the outcome after rebooting. One active operation per device.
 *
 * <p>An operation cannot hang forever and block the device with 409s: it fails when the phone does
 * not pick it up within {@code pickupTimeout} (the time after which the phone counts as offline)
 * or does not report the outcome within {@link #OUTCOME_BUDGET} on the backend clock. Operations are
 * kept in memory, like the command channel that carries them.
 */
public final class DeviceOperations {
    /** A Poly phone reboots in two to three minutes; anything beyond this is a lost operation. */
    static final Duration OUTCOME_BUDGET = Duration.ofMinutes(10);
    /** Ended operations kept per device for {@code GET .../operations}; older ones are dropped. */
    static final int KEPT_PER_DEVICE = 50;

    private static final class Operation {
        final String id;
        final String deviceId;
        final Mac mac;
        final Instant created;
        String status = QUEUED;
        Instant started;
        Instant completed;
        Instant lastAction;
        TeamworkOperationError error;

        Operation(String id, String deviceId, Mac mac, Instant created) {
            this.id = id;
            this.deviceId = deviceId;
            this.mac = mac;
            this.created = created;
            this.lastAction = created;
        }

        TeamworkDeviceOperation view() {
            return new TeamworkDeviceOperation(id, TeamworkDeviceOperation.DEVICE_RESTART, status, created, started,
                    completed, lastAction, error);
        }

        boolean isActive() {
            return status.equals(QUEUED) || status.equals(IN_PROGRESS);
        }
    }

    private final CommandChannel commands;
    private final BackendClock clock;
    private final Duration pickupTimeout;
    private final Map<String, Operation> operations = new LinkedHashMap<>(); // by id, oldest first

    public DeviceOperations(CommandChannel commands, BackendClock clock, Duration pickupTimeout) {
        this.commands = commands;
        this.clock = clock;
        this.pickupTimeout = pickupTimeout;
    }

    /** Queues a restart and puts it on the phone's command channel; 409 while another is queued or in progress. */
    public TeamworkDeviceOperation restart(TenantConfig tenant, PhoneEntry phone) {
        Operation operation;
        synchronized (this) {
            Instant now = clock.instant();
            for (Operation active : of(phone.inventoryId(), now)) {
                if (active.isActive()) {
                    throw ApiException.conflict("operation_in_progress", "device " + phone.inventoryId()
                            + " already has operation " + active.id + " (" + active.status
                            + "); a new one can start when it ends");
                }
            }
            operation = new Operation(UUID.randomUUID().toString(), phone.inventoryId(), phone.mac(), now);
            dropOldest(phone.inventoryId());
            operations.put(operation.id, operation);
        }
        // outside the lock: handing the command to a waiting long-poll runs the poll's completion here
        commands.send(phone.mac(), operation.id, DeviceCommandType.RESTART, tenant.tenantId(), pickupTimeout)
                .whenComplete((result, failure) -> answered(operation, result, failure));
        return operation.view();
    }

    public synchronized List<TeamworkDeviceOperation> list(String deviceId) {
        return of(deviceId, clock.instant()).stream().map(Operation::view).toList();
    }

    public synchronized TeamworkDeviceOperation get(String deviceId, String operationId) {
        return of(deviceId, clock.instant()).stream().filter(o -> o.id.equals(operationId)).findFirst()
                .map(Operation::view)
                .orElseThrow(() -> ApiException.notFound("device " + deviceId + " has no operation " + operationId));
    }

    /** The phone reports how the operation ended. */
    public synchronized TeamworkDeviceOperation report(Mac mac, String operationId, OperationReport report) {
        Operation operation = operations.get(operationId);
        if (operation == null || !operation.mac.equals(mac)) {
            throw ApiException.notFound("no operation " + operationId + " for " + mac);
        }
        String status = report.status();
        if (!SUCCESSFUL.equals(status) && !FAILED.equals(status)) {
            throw ApiException.badRequest("invalid_status", "status must be successful or failed"
                    + (status == null ? "" : ", not \"" + status + "\""));
        }
        Instant now = clock.instant();
        expireStale(operation, now);
        if (!operation.status.equals(IN_PROGRESS)) {
            throw ApiException.conflict("operation_not_in_progress", "operation " + operationId + " is "
                    + operation.status + "; only an operation in progress (its command answered) can end");
        }
        operation.status = status;
        operation.completed = now;
        operation.lastAction = now;
        if (FAILED.equals(status)) {
            operation.error = report.error() != null ? report.error()
                    : new TeamworkOperationError("deviceError", "the phone reported that the operation failed");
        }
        return operation.view();
    }

    /** The phone answered the command (it starts, or says why not), or never picked it up. */
    private synchronized void answered(Operation operation, CommandResult result, Throwable failure) {
        if (!operation.status.equals(QUEUED)) {
            return;
        }
        Instant now = clock.instant();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            fail(operation, now, "deviceUnreachable", "the phone did not pick up the operation within "
                    + pickupTimeout.toSeconds() + " s");
        } else if (cause != null) {
            fail(operation, now, "internalError", "the operation could not be sent to the phone");
        } else if (result.isError()) {
            fail(operation, now, "deviceRefused", "the phone refused the operation: " + result.error());
        } else {
            operation.status = IN_PROGRESS;
            operation.started = now;
            operation.lastAction = now;
        }
    }

    private List<Operation> of(String deviceId, Instant now) {
        List<Operation> found = new ArrayList<>();
        for (Operation o : operations.values()) {
            if (o.deviceId.equals(deviceId)) {
                expireStale(o, now);
                found.add(o);
            }
        }
        return found;
    }

    private void dropOldest(String deviceId) {
        List<Operation> ofDevice = operations.values().stream().filter(o -> o.deviceId.equals(deviceId)).toList();
        for (int i = 0; i <= ofDevice.size() - KEPT_PER_DEVICE; i++) {
            operations.remove(ofDevice.get(i).id);
        }
    }

    private void expireStale(Operation operation, Instant now) {
        if (operation.status.equals(IN_PROGRESS) && now.isAfter(operation.started.plus(OUTCOME_BUDGET))) {
            fail(operation, now, "timedOut", "the phone did not report the outcome within "
                    + OUTCOME_BUDGET.toMinutes() + " min");
        }
    }

    private static void fail(Operation operation, Instant now, String code, String message) {
        operation.status = FAILED;
        operation.completed = now;
        operation.lastAction = now;
        operation.error = new TeamworkOperationError(code, message);
    }
}
