package dialtone.backend.device;

import dialtone.backend.Secrets;
import dialtone.model.Mac;
import dialtone.model.device.CommandResult;
import dialtone.model.device.DeviceCommand;
import dialtone.model.device.DeviceCommandType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The backend-to-phone command channel: the backend queues a command, the phone's long-poll
 * picks it up at once (a waiting poll is completed, nothing polls on a timer), and the phone's
 * result completes the sender's future. Ephemeral: commands do not survive a backend restart,
 * like TAC's connection to a phone.
 *
 * <p>Delivery is at least once: a command handed to a poll stays outstanding until the phone
 * answers it or it times out, and every later poll carries it again. A long-poll can be completed
 * after its connection died (the phone rebooted or lost its network a moment before) and the
 * server cannot tell; the phone's next poll then still gets the command. Phones ignore a command
 * id they already handled.
 */
public final class CommandChannel {
    private final Map<Mac, PhoneQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, PendingCommand> pending = new ConcurrentHashMap<>();

    private record PendingCommand(Mac mac, CompletableFuture<CommandResult> result) {
    }

    /**
     * Queues a command for the phone. The returned future completes with the phone's result, or
     * exceptionally with a {@link java.util.concurrent.TimeoutException} after {@code timeout};
     * a command nobody picked up by then is withdrawn.
     */
    public CompletableFuture<CommandResult> send(Mac mac, DeviceCommandType type, String tenantId, Duration timeout) {
        return send(mac, "cmd-" + Secrets.randomToken(9), type, tenantId, timeout);
    }

    /** As {@link #send(Mac, DeviceCommandType, String, Duration)}, with the caller's id (unique, e.g. an operation id). */
    public CompletableFuture<CommandResult> send(Mac mac, String id, DeviceCommandType type, String tenantId,
                                                 Duration timeout) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        pending.put(id, new PendingCommand(mac, result));
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            pending.remove(id);
            queue(mac).withdraw(id);
        });
        queue(mac).offer(new DeviceCommand(id, type, tenantId));
        return result;
    }

    /** The phone's long-poll: queued commands now, else the next one within {@code wait}, else none. */
    public CompletableFuture<List<DeviceCommand>> next(Mac mac, Duration wait) {
        return queue(mac).take(wait);
    }

    /** The phone's answer; {@code false} if no such command is waiting for one (unknown, answered, timed out). */
    public boolean complete(Mac mac, String commandId, CommandResult result) {
        PendingCommand command = pending.get(commandId);
        if (command == null || !command.mac().equals(mac)) {
            return false;
        }
        return command.result().complete(result);
    }

    /** The phone was factory reset: commands it had not picked up are dropped. */
    public void forget(Mac mac) {
        queue(mac).clear();
    }

    private PhoneQueue queue(Mac mac) {
        return queues.computeIfAbsent(mac, m -> new PhoneQueue());
    }

    private static final class PhoneQueue {
        private final Deque<DeviceCommand> queued = new ArrayDeque<>();
        /** Handed to a poll, not answered yet: carried again by every later poll. */
        private final Map<String, DeviceCommand> outstanding = new LinkedHashMap<>();
        private final List<CompletableFuture<List<DeviceCommand>>> waiters = new ArrayList<>();

        synchronized void offer(DeviceCommand command) {
            while (!waiters.isEmpty()) {
                // a waiter that already timed out refuses the command; try the next one
                if (waiters.remove(0).complete(List.of(command))) {
                    outstanding.put(command.id(), command);
                    return;
                }
            }
            queued.add(command);
        }

        synchronized CompletableFuture<List<DeviceCommand>> take(Duration wait) {
            // One phone, one channel: a new poll means the phone dropped the old connection (it
            // rebooted, or its network blipped). The old poll gets nothing, so no command is handed
            // to a connection nobody reads any more.
            releaseWaiters();
            if (!queued.isEmpty() || !outstanding.isEmpty() || wait.isZero() || wait.isNegative()) {
                queued.forEach(c -> outstanding.put(c.id(), c));
                queued.clear();
                return CompletableFuture.completedFuture(List.copyOf(outstanding.values()));
            }
            CompletableFuture<List<DeviceCommand>> waiter = new CompletableFuture<>();
            waiters.add(waiter);
            waiter.completeOnTimeout(List.of(), wait.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((r, e) -> removeWaiter(waiter));
            return waiter;
        }

        private synchronized void removeWaiter(CompletableFuture<List<DeviceCommand>> waiter) {
            waiters.remove(waiter);
        }

        synchronized void withdraw(String commandId) {
            queued.removeIf(c -> c.id().equals(commandId));
            outstanding.remove(commandId);
        }

        synchronized void clear() {
            queued.clear();
            outstanding.clear();
            releaseWaiters();
        }

        private void releaseWaiters() {
            List<CompletableFuture<List<DeviceCommand>>> old = List.copyOf(waiters);
            waiters.clear();
            old.forEach(w -> w.complete(List.of()));
        }
    }
}
