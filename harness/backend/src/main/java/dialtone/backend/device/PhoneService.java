package dialtone.backend.device;

import dialtone.backend.ApiException;
import dialtone.backend.Directory;
import dialtone.backend.TenantConfig;
import dialtone.backend.identity.SignInPolicy;
import dialtone.backend.store.AccessGrant;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.PhoneEntry;
import dialtone.backend.store.ProvisioningEntry;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.device.DeviceHello;
import dialtone.model.device.HelloReply;
import dialtone.model.device.SignedInUser;
import dialtone.model.provisioning.ProvisioningState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The phone's life as the backend sees it (boot, factory reset, sign-in). */
public final class PhoneService {
    private final BackendStore store;
    private final Directory directory;
    private final CommandChannel commands;
    private final BackendClock clock;

    public PhoneService(BackendStore store, Directory directory, CommandChannel commands, BackendClock clock) {
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
            store.phones().save(known(mac, now).factoryReset(now));
            for (ProvisioningEntry entry : store.provisioning().ofMac(mac)) {
                if (entry.state() != ProvisioningState.WAITING_ON_ACTIVATION) {
                    store.provisioning().delete(entry.tenantId(), mac);
                }
            }
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
            return SignInPolicy.describe(member, now);
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
