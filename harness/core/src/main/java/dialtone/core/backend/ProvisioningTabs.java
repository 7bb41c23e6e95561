package dialtone.core.backend;

import dialtone.model.Mac;
import dialtone.model.profile.Budgets;
import dialtone.model.provisioning.ProvisioningRecord;
import dialtone.model.provisioning.ProvisioningState;
import dialtone.model.teamwork.TeamworkDevice;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The admin center as a suite checks it: a phone's record in TAC's provisioning tabs and its
 * entry in the device inventory, awaited within the phone profile's budgets (the backend learns
 * of a phone's progress a moment after the phone shows it).
 */
public final class ProvisioningTabs {
    private final AdminClient admin;
    private final Budgets budgets;

    public ProvisioningTabs(AdminClient admin, Budgets budgets) {
        this.admin = admin;
        this.budgets = budgets;
    }

    /** The phone's record in a state's tab, now. */
    public Optional<ProvisioningRecord> record(Mac mac, ProvisioningState state) {
        return admin.devices(state).stream().filter(r -> r.macAddress().equals(mac)).findFirst();
    }

    /** Waits until the phone's record shows in {@code state}'s tab and returns it. */
    public ProvisioningRecord awaitRecord(Mac mac, ProvisioningState state) {
        AtomicReference<ProvisioningRecord> found = new AtomicReference<>();
        await("record " + mac + " in " + state.wireName())
                .atMost(budgets.provisioning())
                .pollInterval(budgets.poll())
                .pollDelay(java.time.Duration.ZERO)
                .pollInSameThread()
                .until(() -> {
                    record(mac, state).ifPresent(found::set);
                    return found.get() != null;
                });
        return found.get();
    }

    /**
     * Waits until the phone has left both tabs and the inventory shows it signed in as
     * {@code displayName}; returns its inventory entry.
     */
    public TeamworkDevice awaitSignedIn(Mac mac, String displayName) {
        AtomicReference<TeamworkDevice> found = new AtomicReference<>();
        await("inventory shows " + mac + " signed in as " + displayName)
                .atMost(budgets.signIn())
                .pollInterval(budgets.poll())
                .pollDelay(java.time.Duration.ZERO)
                .pollInSameThread()
                .until(() -> {
                    if (admin.devices().stream().anyMatch(r -> r.macAddress().equals(mac))) return false;
                    Optional<TeamworkDevice> device = inventory(mac);
                    device.ifPresent(found::set);
                    return device.map(d -> d.currentUser() != null && displayName.equals(d.currentUser().displayName())).orElse(false);
                });
        return found.get();
    }

    /** The phone's entry in the Graph-like inventory. */
    public Optional<TeamworkDevice> inventory(Mac mac) {
        return admin.teamworkDevices().stream()
                .filter(d -> d.hardwareDetail() != null && d.hardwareDetail().macAddresses().stream().anyMatch(m -> Mac.isValid(m) && Mac.parse(m).equals(mac)))
                .findFirst();
    }

    /** Removes a record left by an earlier run, so the phone can be added afresh. */
    public void forget(Mac mac) {
        if (admin.devices().stream().anyMatch(r -> r.macAddress().equals(mac))) {
            admin.deleteDevice(mac);
        }
    }
}
