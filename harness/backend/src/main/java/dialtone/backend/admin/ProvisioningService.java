package dialtone.backend.admin;

import dialtone.backend.ApiException;
import dialtone.backend.BackendConfig;
import dialtone.backend.Directory;
import dialtone.backend.TenantConfig;
import dialtone.backend.device.CommandChannel;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.PhoneEntry;
import dialtone.backend.store.ProvisioningEntry;
import dialtone.model.BackendClock;
import dialtone.model.DeviceLoginCode;
import dialtone.model.InvalidMacException;
import dialtone.model.Mac;
import dialtone.model.VerificationCode;
import dialtone.model.device.CommandResult;
import dialtone.model.device.DeviceCommandType;
import dialtone.model.device.ProvisionError;
import dialtone.model.device.ProvisionReply;
import dialtone.model.provisioning.AddDevicesResult;
import dialtone.model.provisioning.IssuedVerificationCode;
import dialtone.model.provisioning.NewDevice;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.provisioning.ProvisioningSummary;
import dialtone.model.provisioning.RejectedRow;
import dialtone.model.provisioning.RemoteSignIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * TAC's "Provision new devices": records by MAC, verification codes, the phone entering a code,
 * and remote sign-in over the command channel.
 */
public final class ProvisioningService {
    public static final int MAX_LOCATION_LENGTH = 256;

    private final BackendStore store;
    private final Directory directory;
    private final CommandChannel commands;
    private final BackendClock clock;
    private final BackendConfig config;
    private final Supplier<String> verificationUri;

    public ProvisioningService(BackendStore store, Directory directory, CommandChannel commands, BackendConfig config,
                               Supplier<String> verificationUri) {
        this.store = store;
        this.directory = directory;
        this.commands = commands;
        this.clock = config.clock();
        this.config = config;
        this.verificationUri = verificationUri;
    }

    /** "Add MAC address" / CSV upload: good rows are added, each bad row says why it was not. */
    public AddDevicesResult addDevices(TenantConfig tenant, List<NewDevice> rows) {
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            List<ProvisioningRecord> added = new ArrayList<>();
            List<RejectedRow> rejected = new ArrayList<>();
            Map<Mac, Integer> rowOf = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                int row = i + 1;
                NewDevice device = rows.get(i);
                String typed = device == null ? null : device.macAddress();
                String location = device == null || device.location() == null ? "" : device.location().strip();
                if (typed == null || typed.isBlank()) {
                    rejected.add(new RejectedRow(row, typed, "MAC address is empty"));
                    continue;
                }
                Mac mac;
                try {
                    mac = Mac.parse(typed);
                } catch (InvalidMacException e) {
                    rejected.add(new RejectedRow(row, typed, e.getMessage()));
                    continue;
                }
                if (location.length() > MAX_LOCATION_LENGTH) {
                    rejected.add(new RejectedRow(row, typed, "location is " + location.length()
                            + " characters long; at most " + MAX_LOCATION_LENGTH + " are allowed"));
                    continue;
                }
                Integer earlier = rowOf.putIfAbsent(mac, row);
                if (earlier != null) {
                    rejected.add(new RejectedRow(row, typed, mac + " is a duplicate of row " + earlier));
                    continue;
                }
                Optional<ProvisioningEntry> known = store.provisioning().find(tenant.tenantId(), mac);
                if (known.isPresent()) {
                    rejected.add(new RejectedRow(row, typed, switch (known.get().state()) {
                        case WAITING_ON_ACTIVATION -> mac + " is already added and waiting on activation";
                        case WAITING_FOR_SIGN_IN -> mac + " is already provisioned and waiting for sign in";
                        case SIGNED_IN -> mac + " is already provisioned and signed in; factory reset the phone"
                                + " before adding it again";
                    }));
                    continue;
                }
                ProvisioningEntry entry = ProvisioningEntry.added(tenant.tenantId(), mac, location, now);
                store.provisioning().save(entry);
                added.add(entry.toRecord());
            }
            return new AddDevicesResult(added, rejected);
        });
    }

    /** One tab, or both tabs when {@code state} is empty. */
    public List<ProvisioningRecord> devices(TenantConfig tenant, Optional<ProvisioningState> state) {
        return store.provisioning().ofTenant(tenant.tenantId()).stream()
                .filter(e -> e.state().isShownInTabs())
                .filter(e -> state.isEmpty() || e.state() == state.get())
                .map(ProvisioningEntry::toRecord)
                .toList();
    }

    public ProvisioningSummary summary(TenantConfig tenant) {
        List<ProvisioningEntry> entries = store.provisioning().ofTenant(tenant.tenantId());
        int waitingOnActivation = (int) entries.stream()
                .filter(e -> e.state() == ProvisioningState.WAITING_ON_ACTIVATION).count();
        int waitingForSignIn = (int) entries.stream()
                .filter(e -> e.state() == ProvisioningState.WAITING_FOR_SIGN_IN).count();
        return new ProvisioningSummary(waitingOnActivation + waitingForSignIn, waitingOnActivation, waitingForSignIn);
    }

    /** "Generate verification code" for one device: valid 24 h; replaces an earlier code. */
    public IssuedVerificationCode issueVerificationCode(TenantConfig tenant, Mac mac) {
        return store.inTransaction(() -> {
            ProvisioningEntry entry = store.provisioning().find(tenant.tenantId(), mac)
                    .orElseThrow(() -> ApiException.notFound("no provisioning record for " + mac + " in this tenant"));
            if (entry.state() != ProvisioningState.WAITING_ON_ACTIVATION) {
                throw ApiException.conflict("not_waiting_on_activation", mac + " is " + entry.state().wireName()
                        + "; verification codes are only for devices waiting on activation");
            }
            return issue(entry);
        });
    }

    /** Bulk "Generate verification code": every device waiting on activation gets a fresh code. */
    public List<IssuedVerificationCode> issueVerificationCodes(TenantConfig tenant) {
        return store.inTransaction(() -> store.provisioning().ofTenant(tenant.tenantId()).stream()
                .filter(e -> e.state() == ProvisioningState.WAITING_ON_ACTIVATION)
                .map(this::issue)
                .toList());
    }

    private IssuedVerificationCode issue(ProvisioningEntry entry) {
        Instant now = clock.instant();
        VerificationCode code;
        do {
            code = VerificationCode.generate();
        } while (code.equals(entry.code()) || code.equals(entry.usedCode()));
        Instant expires = now.plus(config.verificationCodeLifetime());
        store.provisioning().save(entry.withCode(code, expires, now));
        return new IssuedVerificationCode(entry.mac(), code, expires);
    }

    public void delete(TenantConfig tenant, Mac mac) {
        if (!store.provisioning().delete(tenant.tenantId(), mac)) {
            throw ApiException.notFound("no provisioning record for " + mac + " in this tenant");
        }
    }

    /**
     * The technician entered a code on the phone. Checks, in order: phone already bound,
     * MAC never added, code of this phone current and unexpired, code already used.
     * (Per-device throttling of wrong codes slots in before the code checks.)
     */
    public ProvisionReply provision(Mac mac, String enteredCode) {
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            PhoneEntry phone = store.phones().find(mac).orElse(null);
            if (phone != null && phone.isBound()) {
                TenantConfig bound = directory.requireTenant(phone.tenantId());
                throw provisionError(ProvisionError.ALREADY_PROVISIONED, "This phone is already provisioned to "
                        + bound.organizationName() + ". Factory reset it before provisioning it again.");
            }
            List<ProvisioningEntry> entries = store.provisioning().ofMac(mac);
            if (entries.isEmpty()) {
                throw provisionError(ProvisionError.UNKNOWN_DEVICE, "This phone hasn't been added for remote"
                        + " provisioning. Ask your admin to add its MAC address " + mac + ".");
            }
            if (VerificationCode.isValid(enteredCode)) {
                for (ProvisioningEntry entry : entries) {
                    if (entry.state() == ProvisioningState.WAITING_ON_ACTIVATION && entry.code() != null
                            && entry.code().matches(enteredCode)) {
                        if (!now.isBefore(entry.codeExpiresAt())) {
                            throw provisionError(ProvisionError.EXPIRED_CODE, "This verification code has expired."
                                    + " Ask your admin for a new one.");
                        }
                        TenantConfig tenant = directory.requireTenant(entry.tenantId());
                        store.provisioning().save(entry.provisioned(now));
                        PhoneEntry known = phone != null ? phone : PhoneEntry.firstSeen(mac, newInventoryId(), now);
                        store.phones().save(known.boundTo(tenant.tenantId(), now));
                        return new ProvisionReply(tenant.tenantId(), tenant.organizationName());
                    }
                }
                for (ProvisioningEntry entry : entries) {
                    if (entry.usedCode() != null && entry.usedCode().matches(enteredCode)) {
                        throw provisionError(ProvisionError.USED_CODE, "This verification code has already been"
                                + " used. Ask your admin for a new one.");
                    }
                }
            }
            throw provisionError(ProvisionError.INVALID_CODE, "That verification code didn't work."
                    + " Check the code and try again.");
        });
    }

    private static ApiException provisionError(ProvisionError error, String message) {
        return ApiException.badRequest(error.wireName(), message);
    }

    static String newInventoryId() {
        return java.util.UUID.randomUUID().toString();
    }

    /**
     * Admin clicked "Signed Out": ask the phone over its command channel to start a device-code
     * grant and hand back its user code. Completes exceptionally with an {@link ApiException}
     * (504 device_unreachable when the phone does not answer within the sign-in timeout).
     */
    public CompletableFuture<RemoteSignIn> remoteSignIn(TenantConfig tenant, Mac mac) {
        ProvisioningEntry entry = store.provisioning().find(tenant.tenantId(), mac)
                .orElseThrow(() -> ApiException.notFound("no provisioning record for " + mac + " in this tenant"));
        if (entry.state() != ProvisioningState.WAITING_FOR_SIGN_IN) {
            throw ApiException.conflict("not_waiting_for_sign_in", mac + " is " + entry.state().wireName()
                    + "; remote sign-in is only for devices waiting for sign in");
        }
        Duration timeout = config.signInTimeout();
        return commands.send(mac, DeviceCommandType.REMOTE_SIGN_IN, tenant.tenantId(), timeout)
                .handle((result, failure) -> toRemoteSignIn(mac, timeout, result, failure));
    }

    private RemoteSignIn toRemoteSignIn(Mac mac, Duration timeout, CommandResult result, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            throw new ApiException(504, "device_unreachable", "the phone " + mac
                    + " did not answer the sign-in request within " + describe(timeout));
        }
        if (cause != null) {
            throw new ApiException(502, "device_error", "the sign-in request to " + mac + " failed");
        }
        if (result.isError() || !DeviceLoginCode.isValid(result.userCode())) {
            throw new ApiException(502, "device_error", "the phone " + mac + " could not start sign-in: "
                    + (result.isError() ? result.error() : "it reported no usable device login code"));
        }
        long lifetime = result.expiresIn() == null ? config.deviceCodeLifetime().toSeconds() : result.expiresIn();
        String uri = result.verificationUri() == null ? verificationUri.get() : result.verificationUri();
        return new RemoteSignIn(DeviceLoginCode.parse(result.userCode()), uri, clock.instant().plusSeconds(lifetime));
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
