package dialtone.backend;

import dialtone.model.BackendClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to start a {@link BackendServer}. Build with {@link #builder()}; every knob has the
 * value the real service uses, except where the virtual rack needs to run faster.
 *
 * @param devicePollInterval the RFC 8628 {@code interval} a phone must leave between token polls
 *        (Entra: 5 s; the virtual rack shortens it)
 * @param signInTimeout how long the admin's remote sign-in waits for the phone's user code
 * @param allowedClientIds client ids the identity endpoints accept (Teams Android's by default)
 * @param heartbeatInterval how often phones are asked to send a heartbeat (the inventory's healthStatus)
 * @param missedHeartbeatsBeforeOffline after this many heartbeat intervals without one, a phone is offline
 */
public record BackendConfig(
        String host,
        int port,
        boolean testControls,
        BackendClock clock,
        List<TenantConfig> tenants,
        Set<String> allowedClientIds,
        Duration devicePollInterval,
        Duration deviceCodeLifetime,
        Duration verificationCodeLifetime,
        Duration accessTokenLifetime,
        Duration signInTimeout,
        Duration maxCommandWait,
        Duration heartbeatInterval,
        int missedHeartbeatsBeforeOffline) {

    /** Teams Android's client id, as the real phones send it. */
    public static final String TEAMS_ANDROID_CLIENT_ID = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

    public BackendConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        tenants = List.copyOf(tenants);
        allowedClientIds = Set.copyOf(allowedClientIds);
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative() || missedHeartbeatsBeforeOffline < 1) {
            throw new IllegalArgumentException("the heartbeat interval must be positive and at least one heartbeat"
                    + " must be missed before a phone counts as offline");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        if (tenants.stream().map(TenantConfig::tenantId).distinct().count() != tenants.size()) {
            throw new IllegalArgumentException("tenant ids must be unique");
        }
        if (tenants.stream().map(TenantConfig::adminToken).distinct().count() != tenants.size()) {
            throw new IllegalArgumentException("admin tokens must be unique (a token names its tenant)");
        }
        if (tenants.stream().flatMap(t -> t.users().stream()).map(u -> u.upn().toLowerCase()).distinct().count()
                != tenants.stream().mapToLong(t -> t.users().size()).sum()) {
            throw new IllegalArgumentException("user principal names must be unique across tenants");
        }
    }

    /** How long a phone may stay silent before the inventory shows it offline. */
    public Duration offlineAfter() {
        return heartbeatInterval.multipliedBy(missedHeartbeatsBeforeOffline);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.testControls = testControls;
        b.clock = clock;
        b.tenants = new ArrayList<>(tenants);
        b.allowedClientIds = allowedClientIds;
        b.devicePollInterval = devicePollInterval;
        b.deviceCodeLifetime = deviceCodeLifetime;
        b.verificationCodeLifetime = verificationCodeLifetime;
        b.accessTokenLifetime = accessTokenLifetime;
        b.signInTimeout = signInTimeout;
        b.maxCommandWait = maxCommandWait;
        b.heartbeatInterval = heartbeatInterval;
        b.missedHeartbeatsBeforeOffline = missedHeartbeatsBeforeOffline;
        return b;
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private boolean testControls = false;
        private BackendClock clock = BackendClock.system();
        private List<TenantConfig> tenants = new ArrayList<>();
        private Set<String> allowedClientIds = Set.of(TEAMS_ANDROID_CLIENT_ID);
        private Duration devicePollInterval = Duration.ofSeconds(5);
        private Duration deviceCodeLifetime = Duration.ofSeconds(900);
        private Duration verificationCodeLifetime = Duration.ofHours(24);
        private Duration accessTokenLifetime = Duration.ofHours(1);
        private Duration signInTimeout = Duration.ofSeconds(15);
        private Duration maxCommandWait = Duration.ofSeconds(30);
        private Duration heartbeatInterval = Duration.ofSeconds(60);
        private int missedHeartbeatsBeforeOffline = 3;

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }
        /** 0 picks a free port. */
        public Builder port(int port) { this.port = port; return this; }
        public Builder testControls(boolean on) { this.testControls = on; return this; }
        public Builder clock(BackendClock clock) { this.clock = clock; return this; }
        public Builder tenant(TenantConfig tenant) { this.tenants.add(tenant); return this; }
        public Builder tenants(List<TenantConfig> tenants) { this.tenants = new ArrayList<>(tenants); return this; }
        public Builder allowedClientIds(Set<String> ids) { this.allowedClientIds = ids; return this; }
        public Builder devicePollInterval(Duration d) { this.devicePollInterval = d; return this; }
        public Builder deviceCodeLifetime(Duration d) { this.deviceCodeLifetime = d; return this; }
        public Builder verificationCodeLifetime(Duration d) { this.verificationCodeLifetime = d; return this; }
        public Builder accessTokenLifetime(Duration d) { this.accessTokenLifetime = d; return this; }
        public Builder signInTimeout(Duration d) { this.signInTimeout = d; return this; }
        public Builder maxCommandWait(Duration d) { this.maxCommandWait = d; return this; }
        public Builder heartbeatInterval(Duration d) { this.heartbeatInterval = d; return this; }
        public Builder missedHeartbeatsBeforeOffline(int n) { this.missedHeartbeatsBeforeOffline = n; return this; }

        public BackendConfig build() {
            return new BackendConfig(host, port, testControls, clock, tenants, allowedClientIds, devicePollInterval,
                    deviceCodeLifetime, verificationCodeLifetime, accessTokenLifetime, signInTimeout, maxCommandWait,
                    heartbeatInterval, missedHeartbeatsBeforeOffline);
        }
    }
}
