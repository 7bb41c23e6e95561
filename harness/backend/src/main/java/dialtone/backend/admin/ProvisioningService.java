package dialtone.backend.admin;

import dialtone.backend.ApiException;
import dialtone.backend.BackendConfig;
import dialtone.backend.Directory;
import dialtone.backend.Secrets;
import dialtone.backend.TenantConfig;
import dialtone.backend.audit.AuditLog;
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
    static final String TOO_MANY_ATTEMPTS_MESSAGE = "Too many wrong verification codes were entered on this phone."
            + " Ask your admin to generate a new code for it.";

    private final BackendStore store;
    private final Directory directory;
    private final CommandChannel commands;
    private final BackendClock clock;
    private final BackendConfig config;
    private final Supplier<String> verificationUri;
    private final AuditLog audit;

    public ProvisioningService(BackendStore store, Directory directory, CommandChannel commands, BackendConfig config,
                               Supplier<String> verificationUri, AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.directory = directory;
        this.commands = commands;
        this.clock = config.clock();
        this.config = config;
        this.verificationUri = verificationUri;
    }

    /** "Add MAC address": rows numbered from 1 in the order given. */
    public AddDevicesResult addDevices(TenantConfig tenant, List<NewDevice> devices) {
        if (devices.size() > ProvisioningCsv.MAX_ROWS) {
            throw ProvisioningCsv.tooManyRows(devices.size());
        }
        List<ProvisioningCsv.Row> rows = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            rows.add(ProvisioningCsv.Row.of(i + 1, devices.get(i)));
        }
        return addRows(tenant, rows);
    }

    /** "Upload MAC addresses": the same records as {@link #addDevices} for the same rows. */
    public AddDevicesResult upload(TenantConfig tenant, byte[] csv) {
        return addRows(tenant, ProvisioningCsv.parse(csv));
    }

    /** Good rows are added, each bad row says why it was not. */
    private AddDevicesResult addRows(TenantConfig tenant, List<ProvisioningCsv.Row> rows) {
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            List<ProvisioningRecord> added = new ArrayList<>();
            List<RejectedRow> rejected = new ArrayList<>();
            Map<Mac, Integer> rowOf = new HashMap<>();
            for (ProvisioningCsv.Row r : rows) {
                int row = r.number();
                NewDevice device = r.device();
                String typed = device == null ? null : device.macAddress();
                if (r.problem() != null) {
                    rejected.add(new RejectedRow(row, typed, r.problem()));
                    continue;
                }
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
                        case SIGNED_OUT_ON_DEVICE -> mac + " was signed out on the phone; factory reset the phone"
                                + " before adding it again";
                    }));
                    continue;
                }
                ProvisioningEntry entry = ProvisioningEntry.added(tenant.tenantId(), mac, location, now);
                store.provisioning().save(entry);
                audit.record(tenant.tenantId(), AuditLog.ADMIN, "deviceAdded", mac,
                        location.isEmpty() ? null : "location " + location);
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
        } while (code.equals(entry.code()) || code.equals(entry.usedCode()) || code.equals(entry.replacedCode()));
        Instant expires = now.plus(config.verificationCodeLifetime());
        store.provisioning().save(entry.withCode(code, expires, now));
        audit.record(entry.tenantId(), AuditLog.ADMIN, "verificationCodeIssued", entry.mac(), "valid until " + expires
                + (entry.code() == null ? "" : "; replaces the previous code")
                + (entry.isLocked() ? "; unlocks the device after too many wrong codes" : ""));
        return new IssuedVerificationCode(entry.mac(), code, expires);
    }

    public void delete(TenantConfig tenant, Mac mac) {
        store.inTransaction(() -> {
            if (!store.provisioning().delete(tenant.tenantId(), mac)) {
                throw ApiException.notFound("no provisioning record for " + mac + " in this tenant");
            }
            audit.record(tenant.tenantId(), AuditLog.ADMIN, "deviceDeleted", mac, null);
        });
    }

    /**
     * The technician entered a code on the phone. Checks, in order: phone already bound (to another
     * tenant than the one whose current code was entered: provisioned elsewhere), MAC never
     * added, no code generated, the code of a locked record, the current code (expired or good);
     * anything else is a wrong attempt (replaced, used, another phone's, or just wrong) counted on
     * each of the phone's unlocked records: the fifth locks them until the admin generates a new
     * code. On success the phone gets its credential ({@code deviceSecret}). Refusals are
     * returned from the transaction, not thrown in it, so the count and the audit event stay.
     */
    public ProvisionReply provision(Mac mac, String enteredCode) {
        Provisioning outcome = store.inTransaction(() -> decide(mac, enteredCode == null ? "" : enteredCode));
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.reply();
    }

    private record Provisioning(ProvisionReply reply, ApiException refusal) {
    }

    private Provisioning decide(Mac mac, String entered) {
        Instant now = clock.instant();
        PhoneEntry phone = store.phones().find(mac).orElse(null);
        List<ProvisioningEntry> entries = store.provisioning().ofMac(mac);
        List<String> tenants = new ArrayList<>(entries.stream().map(ProvisioningEntry::tenantId).toList());
        if (phone != null && phone.isBound()) {
            TenantConfig bound = directory.requireTenant(phone.tenantId());
            tenants.add(phone.tenantId());
            Optional<ProvisioningEntry> elsewhere = entries.stream()
                    .filter(e -> !e.tenantId().equals(bound.tenantId()) && e.state() == ProvisioningState.WAITING_ON_ACTIVATION
                            && e.code() != null && e.code().matches(entered))
                    .findFirst();
            if (elsewhere.isPresent()) {
                TenantConfig other = directory.requireTenant(elsewhere.get().tenantId());
                return refuse(tenants, mac, ProvisionError.PROVISIONED_ELSEWHERE, "This phone is provisioned to "
                        + bound.organizationName() + ", another organization. Factory reset it before provisioning it to "
                        + other.organizationName() + ".");
            }
            return refuse(tenants, mac, ProvisionError.ALREADY_PROVISIONED, "This phone is already provisioned to "
                    + bound.organizationName() + ". Factory reset it before provisioning it again.");
        }
        if (entries.isEmpty()) {
            return refuse(tenants, mac, ProvisionError.UNKNOWN_DEVICE, "This phone hasn't been added for remote"
                    + " provisioning. Ask your admin to add its MAC address " + mac + ".");
        }
        List<ProvisioningEntry> withCode = entries.stream()
                .filter(e -> e.state() == ProvisioningState.WAITING_ON_ACTIVATION && e.code() != null)
                .toList();
        if (withCode.isEmpty() && entries.stream().noneMatch(e -> matches(e.usedCode(), entered))) {
            return refuse(tenants, mac, ProvisionError.INVALID_CODE, "No verification code has been generated for"
                    + " this phone yet. Ask your admin to generate one for MAC address " + mac + ".");
        }
        List<ProvisioningEntry> unlocked = withCode.stream().filter(e -> !e.isLocked()).toList();
        if (unlocked.isEmpty() && !withCode.isEmpty()
                || withCode.stream().anyMatch(e -> e.isLocked() && e.code().matches(entered))) {
            return refuse(tenants, mac, ProvisionError.TOO_MANY_ATTEMPTS, TOO_MANY_ATTEMPTS_MESSAGE);
        }
        for (ProvisioningEntry entry : unlocked) {
            if (entry.code().matches(entered)) {
                if (!now.isBefore(entry.codeExpiresAt())) {
                    return refuse(tenants, mac, ProvisionError.EXPIRED_CODE, "This verification code has expired."
                            + " Ask your admin for a new one.");
                }
                return new Provisioning(provisioned(entry, phone, now), null);
            }
        }
        return wrongAttempt(mac, entered, entries, unlocked, tenants, now);
    }

    private Provisioning wrongAttempt(Mac mac, String entered, List<ProvisioningEntry> entries,
                                      List<ProvisioningEntry> unlocked, List<String> tenants, Instant now) {
        ProvisionError error;
        String message;
        if (entries.stream().anyMatch(e -> matches(e.replacedCode(), entered))) {
            error = ProvisionError.REPLACED_CODE;
            message = "This verification code was replaced by a newer one. Enter the latest code from your admin.";
        } else if (entries.stream().anyMatch(e -> matches(e.usedCode(), entered))) {
            error = ProvisionError.USED_CODE;
            message = "This verification code has already been used. Ask your admin for a new one.";
        } else if (isCodeOfAnotherPhone(mac, entered, tenants)) {
            error = ProvisionError.WRONG_DEVICE;
            message = "This verification code was generated for a different phone. Enter the code generated for"
                    + " this phone's MAC address " + mac + ".";
        } else {
            error = ProvisionError.INVALID_CODE;
            message = "That verification code didn't work. Check the code and try again.";
        }
        int attemptsLeft = 0;
        for (ProvisioningEntry entry : unlocked) {
            ProvisioningEntry counted = entry.failedAttempt(now);
            store.provisioning().save(counted);
            attemptsLeft = Math.max(attemptsLeft, ProvisioningEntry.MAX_FAILED_ATTEMPTS - counted.failedAttempts());
        }
        if (!unlocked.isEmpty() && attemptsLeft == 0) {
            return refuse(tenants, mac, ProvisionError.TOO_MANY_ATTEMPTS, TOO_MANY_ATTEMPTS_MESSAGE);
        }
        if (!unlocked.isEmpty()) {
            message += " " + attemptsLeft + (attemptsLeft == 1 ? " attempt" : " attempts") + " left.";
        }
        return refuse(tenants, mac, error, message);
    }

    /** A current, unexpired code of another phone in the tenants this MAC was added to (nothing wider). */
    private boolean isCodeOfAnotherPhone(Mac mac, String entered, List<String> tenants) {
        Instant now = clock.instant();
        return tenants.stream().distinct()
                .flatMap(t -> store.provisioning().ofTenant(t).stream())
                .anyMatch(e -> !e.mac().equals(mac) && e.state() == ProvisioningState.WAITING_ON_ACTIVATION
                        && e.code() != null && now.isBefore(e.codeExpiresAt()) && e.code().matches(entered));
    }

    private static boolean matches(VerificationCode code, String entered) {
        return code != null && code.matches(entered);
    }

    private ProvisionReply provisioned(ProvisioningEntry entry, PhoneEntry phone, Instant now) {
        TenantConfig tenant = directory.requireTenant(entry.tenantId());
        store.provisioning().save(entry.provisioned(now));
        PhoneEntry known = phone != null ? phone : PhoneEntry.firstSeen(entry.mac(), newInventoryId(), now);
        store.phones().save(known.boundTo(tenant.tenantId(), now));
        String secret = Secrets.randomToken(32);
        store.credentials().save(entry.mac(), Secrets.sha256Hex(secret));
        audit.record(tenant.tenantId(), AuditLog.PHONE, "provisioned", entry.mac(), "bound to " + tenant.organizationName());
        return new ProvisionReply(tenant.tenantId(), tenant.organizationName(), secret);
    }

    private Provisioning refuse(List<String> tenants, Mac mac, ProvisionError error, String message) {
        audit.record(tenants, AuditLog.PHONE, "provisioningRefused", mac, error.wireName());
        return new Provisioning(null, provisionError(error, message));
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
        store.inTransaction(() -> audit.record(tenant.tenantId(), AuditLog.ADMIN, "signInRequested", mac, null));
        return commands.send(mac, DeviceCommandType.REMOTE_SIGN_IN, tenant.tenantId(), timeout)
                .handle((result, failure) -> {
                    try {
                        RemoteSignIn signIn = toRemoteSignIn(mac, timeout, result, failure);
                        store.inTransaction(() -> audit.record(tenant.tenantId(), AuditLog.PHONE, "signInStarted", mac,
                                "device login code valid until " + signIn.expiresDateTime()));
                        return signIn;
                    } catch (ApiException e) {
                        store.inTransaction(() -> audit.record(tenant.tenantId(), AuditLog.PHONE, "signInFailed", mac,
                                e.error()));
                        throw e;
                    }
                });
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
