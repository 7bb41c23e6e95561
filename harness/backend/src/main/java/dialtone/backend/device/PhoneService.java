package dialtone.backend.device;

import dialtone.backend.ApiException;
import dialtone.backend.Directory;
import dialtone.backend.Secrets;
import dialtone.backend.TenantConfig;
import dialtone.backend.audit.AuditLog;
import dialtone.backend.identity.SignInPolicy;
import dialtone.backend.store.AccessGrant;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.PhoneEntry;
import dialtone.backend.store.ProvisioningEntry;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.device.DeviceHello;
import dialtone.model.device.HelloReply;
import dialtone.model.device.ProvisionReply;
import dialtone.model.device.SignedInUser;
import dialtone.model.provisioning.ProvisioningState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The phone's life as the backend sees it (boot, factory reset, sign-in). */
public final class PhoneService {
    private final BackendStore store;
    private final Directory directory;
    private final CommandChannel commands;
    private final BackendClock clock;
    private final AuditLog audit;

    public PhoneService(BackendStore store, Directory directory, CommandChannel commands, BackendClock clock,
                        AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.directory = directory;
        this.commands = commands;
        this.clock = clock;
    }

    /** The phone booted: remember its hardware, tell it whether it is bound to a tenant. */
    public HelloReply hello(Mac mac, DeviceHello hello) {
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            PhoneEntry phone = known(mac, now).withHardware(hello, now);
            store.phones().save(phone);
            if (!phone.isBound()) {
                return new HelloReply(false, null, null);
            }
            TenantConfig tenant = directory.requireTenant(phone.tenantId());
            return new HelloReply(true, tenant.tenantId(), tenant.organizationName());
        });
    }

    /**
     * Device calls about a provisioned phone carry the credential issued at provisioning; while
     * the backend holds one for {@code mac}, a missing or wrong {@code presented} secret is a 401.
     * A phone without one (never provisioned, or factory reset) must not send one.
     */
    public void requireCredential(Mac mac, String presented) {
        Optional<String> hash = store.credentials().hashOf(mac);
        if (hash.isEmpty()) {
            if (presented != null) {
                throw new ApiException(401, "unauthorized", "the backend holds no credential for " + mac
                        + " (never provisioned, or factory reset): provision the phone again");
            }
            return;
        }
        if (presented == null || presented.isBlank()) {
            throw new ApiException(401, "unauthorized", mac + " is provisioned: this call needs its credential in the "
                    + ProvisionReply.DEVICE_SECRET_HEADER + " header (the deviceSecret of the provision reply)");
        }
        if (!Secrets.constantTimeEquals(hash.get(), Secrets.sha256Hex(presented.strip()))) {
            throw new ApiException(401, "unauthorized", "the device credential is not valid for " + mac);
        }
    }

    /** Any call from the phone: it is online. */
    public void seen(Mac mac) {
        store.inTransaction(() -> {
            Instant now = clock.instant();
            store.phones().save(known(mac, now).seen(now));
        });
    }

    /**
     * The phone was factory reset. It forgets its tenant and account, so the backend unbinds it
     * and clears its inventory user (the inventory entry stays, as TAC keeps a reset device).
     * A record waiting on activation stays as it is (its code still works); a record waiting for
     * sign in or signed in belonged to the phone's previous life and is removed, so the admin can
     * add the MAC again and start over, as in TAC.
     */
    public void factoryReset(Mac mac) {
        store.inTransaction(() -> {
            Instant now = clock.instant();
            PhoneEntry before = known(mac, now);
            List<String> tenants = new ArrayList<>();
            tenants.add(before.tenantId());
            tenants.add(before.inventoryTenantId());
            store.phones().save(before.factoryReset(now));
            store.credentials().delete(mac);
            for (ProvisioningEntry entry : store.provisioning().ofMac(mac)) {
                tenants.add(entry.tenantId());
                if (entry.state() != ProvisioningState.WAITING_ON_ACTIVATION) {
                    store.provisioning().delete(entry.tenantId(), mac);
                }
            }
            audit.record(tenants, AuditLog.PHONE, "factoryReset", mac, null);
        });
        commands.forget(mac);
    }

    /**
     * The phone finished the device-code grant and signed in with {@code grant}'s account. A phone
     * not provisioned yet (the "some devices" path) is bound to the account's tenant here.
     */
    public SignedInUser signedIn(Mac mac, AccessGrant grant) {
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            Directory.Member member = directory.member(grant.upn())
                    .orElseThrow(() -> new ApiException(401, "unauthorized", "the token's account no longer exists"));
            PhoneEntry phone = known(mac, now);
            if (phone.isBound() && !phone.tenantId().equals(grant.tenantId())) {
                throw new ApiException(403, "wrong_tenant", "the phone " + mac
                        + " is provisioned to another organization than the account's");
            }
            PhoneEntry.SignedInAccount account = new PhoneEntry.SignedInAccount(
                    userId(member.account().upn()), member.account().upn(), member.account().displayName());
            store.phones().save(phone.boundTo(grant.tenantId(), now).signedIn(account, now));
            store.provisioning().find(grant.tenantId(), mac)
                    .filter(e -> e.state() == ProvisioningState.WAITING_FOR_SIGN_IN)
                    .ifPresent(e -> store.provisioning().save(e.signedIn(now)));
            audit.record(grant.tenantId(), AuditLog.PHONE, "signedIn", mac, "as " + member.account().upn());
            return SignInPolicy.describe(member, now);
        });
    }

    /**
     * Someone signed out on the phone itself. The phone stays bound to its tenant (it still shows
     * the organization name), its record does not return to Waiting for sign in, and it cannot be
     * provisioned again until it is factory reset.
     */
    public void signedOut(Mac mac) {
        store.inTransaction(() -> {
            Instant now = clock.instant();
            PhoneEntry phone = store.phones().find(mac).orElse(null);
            if (phone == null || phone.currentUser() == null) {
                throw ApiException.conflict("not_signed_in", "the backend has nobody signed in on " + mac);
            }
            store.phones().save(phone.signedIn(null, now));
            if (phone.tenantId() != null) {
                store.provisioning().find(phone.tenantId(), mac)
                        .filter(e -> e.state() == ProvisioningState.SIGNED_IN)
                        .ifPresent(e -> store.provisioning().save(e.signedOutOnDevice(now)));
            }
            audit.record(java.util.Arrays.asList(phone.tenantId(), phone.inventoryTenantId()), AuditLog.PHONE, "signedOut", mac,
                    phone.currentUser().upn() + " signed out on the phone");
        });
    }

    private PhoneEntry known(Mac mac, Instant now) {
        return store.phones().find(mac).orElseGet(() -> PhoneEntry.firstSeen(mac, UUID.randomUUID().toString(), now));
    }

    /** A stable object id per account, as Entra gives each user one. */
    static String userId(String upn) {
        return UUID.nameUUIDFromBytes(upn.toLowerCase().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
