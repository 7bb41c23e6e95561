package dialtone.backend.teamwork;

import dialtone.backend.ApiException;
import dialtone.backend.BackendConfig;
import dialtone.backend.TenantConfig;
import dialtone.backend.store.BackendStore;
import dialtone.backend.store.PhoneEntry;
import dialtone.model.BackendClock;
import dialtone.model.Mac;
import dialtone.model.device.DeviceHeartbeat;
import dialtone.model.device.DeviceHello;
import dialtone.model.device.HeartbeatReply;
import dialtone.model.teamwork.TeamworkDevice;
import dialtone.model.teamwork.TeamworkDeviceHealth;
import dialtone.model.teamwork.TeamworkSoftwareUpdateHealth;
import dialtone.model.teamwork.TeamworkSoftwareUpdateStatus;
import dialtone.model.teamwork.TeamworkHardwareDetail;
import dialtone.model.teamwork.TeamworkUserIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Graph-like device inventory and its {@code healthStatus}, which comes from heartbeats:
 * {@code healthy} while they arrive, {@code offline} once {@code missedHeartbeatsBeforeOffline}
 * intervals passed without one, {@code unknown} for a phone that has sent none since the backend
 * started. Heartbeats are live state, kept in memory: after a restart every phone is unknown until
 * its next heartbeat, within one interval.
 */
public final class TeamworkService {
    static final Set<String> ACTIVITY_STATES = Set.of("busy", "idle", "unavailable", "unknown");

    private record Heartbeat(Instant at, String activityState) {
    }

    private final BackendStore store;
    private final BackendClock clock;
    private final Duration heartbeatInterval;
    private final Duration offlineAfter;
    private final Map<Mac, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    public TeamworkService(BackendStore store, BackendConfig config) {
        this.store = store;
        this.clock = config.clock();
        this.heartbeatInterval = config.heartbeatInterval();
        this.offlineAfter = config.offlineAfter();
    }

    public HeartbeatReply heartbeat(Mac mac, DeviceHeartbeat beat) {
        String state = beat.activityState();
        if (state == null || !ACTIVITY_STATES.contains(state)) {
            throw ApiException.badRequest("invalid_activity_state", "activityState must be one of busy, idle,"
                    + " unavailable or unknown" + (state == null ? "" : ", not \"" + state + "\""));
        }
        heartbeats.put(mac, new Heartbeat(clock.instant(), state));
        return new HeartbeatReply(Math.max(1, heartbeatInterval.toSeconds()));
    }

    public List<TeamworkDevice> devices(TenantConfig tenant) {
        Instant now = clock.instant();
        return store.phones().inInventoryOf(tenant.tenantId()).stream().map(p -> toDevice(p, now)).toList();
    }

    public Optional<TeamworkDevice> device(TenantConfig tenant, String id) {
        Instant now = clock.instant();
        return phone(tenant, id).map(p -> toDevice(p, now));
    }

    /** What the phone last reported of its firmware and Teams app (its hello): Graph's device health. */
    public TeamworkDeviceHealth health(TenantConfig tenant, String id) {
        PhoneEntry phone = requirePhone(tenant, id);
        DeviceHello hw = phone.hardware();
        return new TeamworkDeviceHealth(phone.inventoryId(), new TeamworkSoftwareUpdateHealth(
                TeamworkSoftwareUpdateStatus.current(hw == null ? null : hw.firmware()),
                TeamworkSoftwareUpdateStatus.current(hw == null ? null : hw.teamsVersion())));
    }

    /** The phone behind inventory id {@code id}, if the tenant's inventory lists it. */
    public Optional<PhoneEntry> phone(TenantConfig tenant, String id) {
        return store.phones().findByInventoryId(id).filter(p -> tenant.tenantId().equals(p.inventoryTenantId()));
    }

    public PhoneEntry requirePhone(TenantConfig tenant, String id) {
        return phone(tenant, id).orElseThrow(() -> ApiException.notFound("no teamwork device " + id));
    }

    private TeamworkDevice toDevice(PhoneEntry phone, Instant now) {
        Heartbeat beat = heartbeats.get(phone.mac());
        String health;
        String activity;
        if (beat == null) {
            health = "unknown";
            activity = "unknown";
        } else if (now.isAfter(beat.at().plus(offlineAfter))) {
            health = "offline";
            activity = "unavailable";
        } else {
            health = "healthy";
            activity = beat.activityState();
        }
        TeamworkUserIdentity user = phone.currentUser() == null ? null
                : new TeamworkUserIdentity(phone.currentUser().userId(), phone.currentUser().displayName(), "user");
        DeviceHello hw = phone.hardware();
        return new TeamworkDevice(
                phone.inventoryId(),
                TeamworkDevice.IP_PHONE,
                health,
                activity,
                user,
                new TeamworkHardwareDetail(List.of(phone.mac().toString()), hw.manufacturer(), hw.model(),
                        hw.serialNumber()),
                phone.createdAt(),
                phone.modifiedAt());
    }
}
