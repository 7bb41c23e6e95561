package dialtone.backend.store;

import dialtone.backend.TenantConfig;
import dialtone.model.Mac;
import dialtone.model.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The backend's state in plain maps, guarded by one lock (a test backend values simplicity over throughput). */
public final class InMemoryStore implements BackendStore {
    private final Object lock = new Object();
    private final Map<String, TenantConfig> tenants = new LinkedHashMap<>(); // lower-case tenant id
    private final Map<String, ProvisioningEntry> records = new LinkedHashMap<>(); // tenant + "/" + compact MAC
    private final Map<Mac, PhoneEntry> phones = new LinkedHashMap<>();
    private final Map<String, DeviceAuthorization> authorizations = new LinkedHashMap<>();
    private final Map<String, AccessGrant> grants = new LinkedHashMap<>();
    private final Map<Mac, String> credentialHashes = new LinkedHashMap<>();
    private final List<TenantEvent> auditLog = new ArrayList<>();

    private record TenantEvent(String tenantId, AuditEvent event) {
    }

    private final TenantRepository tenantRepository = new TenantRepository() {
        @Override
        public List<TenantConfig> all() {
            synchronized (lock) {
                return List.copyOf(tenants.values());
            }
        }

        @Override
        public Optional<TenantConfig> find(String tenantId) {
            synchronized (lock) {
                return Optional.ofNullable(tenantId == null ? null : tenants.get(tenantId.toLowerCase(Locale.ROOT)));
            }
        }

        @Override
        public void save(TenantConfig tenant) {
            synchronized (lock) {
                tenants.put(tenant.tenantId().toLowerCase(Locale.ROOT), tenant);
            }
        }
    };

    private final ProvisioningRepository provisioning = new ProvisioningRepository() {
        @Override
        public Optional<ProvisioningEntry> find(String tenantId, Mac mac) {
            synchronized (lock) {
                return Optional.ofNullable(records.get(key(tenantId, mac)));
            }
        }

        @Override
        public List<ProvisioningEntry> ofTenant(String tenantId) {
            synchronized (lock) {
                return records.values().stream().filter(r -> r.tenantId().equals(tenantId)).toList();
            }
        }

        @Override
        public List<ProvisioningEntry> ofMac(Mac mac) {
            synchronized (lock) {
                return records.values().stream().filter(r -> r.mac().equals(mac)).toList();
            }
        }

        @Override
        public void save(ProvisioningEntry entry) {
            synchronized (lock) {
                records.put(key(entry.tenantId(), entry.mac()), entry);
            }
        }

        @Override
        public boolean delete(String tenantId, Mac mac) {
            synchronized (lock) {
                return records.remove(key(tenantId, mac)) != null;
            }
        }

        private String key(String tenantId, Mac mac) {
            return tenantId + "/" + mac.compact();
        }
    };

    private final PhoneRepository phoneRepository = new PhoneRepository() {
        @Override
        public Optional<PhoneEntry> find(Mac mac) {
            synchronized (lock) {
                return Optional.ofNullable(phones.get(mac));
            }
        }

        @Override
        public Optional<PhoneEntry> findByInventoryId(String inventoryId) {
            synchronized (lock) {
                return phones.values().stream().filter(p -> p.inventoryId().equals(inventoryId)).findFirst();
            }
        }

        @Override
        public List<PhoneEntry> inInventoryOf(String tenantId) {
            synchronized (lock) {
                return phones.values().stream()
                        .filter(p -> tenantId.equals(p.inventoryTenantId()))
                        .sorted(Comparator.comparing(PhoneEntry::createdAt))
                        .toList();
            }
        }

        @Override
        public void save(PhoneEntry phone) {
            synchronized (lock) {
                phones.put(phone.mac(), phone);
            }
        }
    };

    private final GrantRepository grantRepository = new GrantRepository() {
        @Override
        public void save(DeviceAuthorization authorization) {
            synchronized (lock) {
                authorizations.put(authorization.deviceCode(), authorization);
            }
        }

        @Override
        public Optional<DeviceAuthorization> byDeviceCode(String deviceCode) {
            synchronized (lock) {
                return Optional.ofNullable(authorizations.get(deviceCode));
            }
        }

        @Override
        public Optional<DeviceAuthorization> byUserCode(String normalizedUserCode) {
            synchronized (lock) {
                List<DeviceAuthorization> matches = new ArrayList<>();
                for (DeviceAuthorization a : authorizations.values()) {
                    if (a.userCode().normalized().equals(normalizedUserCode)) {
                        matches.add(a);
                    }
                }
                return matches.stream().max(Comparator.comparing(DeviceAuthorization::issuedAt));
            }
        }

        @Override
        public void save(AccessGrant grant) {
            synchronized (lock) {
                grants.put(grant.token(), grant);
            }
        }

        @Override
        public Optional<AccessGrant> grant(String token) {
            synchronized (lock) {
                return Optional.ofNullable(grants.get(token));
            }
        }
    };

    private final DeviceCredentialRepository credentialRepository = new DeviceCredentialRepository() {
        @Override
        public Optional<String> hashOf(Mac mac) {
            synchronized (lock) {
                return Optional.ofNullable(credentialHashes.get(mac));
            }
        }

        @Override
        public void save(Mac mac, String secretHash) {
            synchronized (lock) {
                credentialHashes.put(mac, secretHash);
            }
        }

        @Override
        public void delete(Mac mac) {
            synchronized (lock) {
                credentialHashes.remove(mac);
            }
        }
    };

    private final AuditRepository auditRepository = new AuditRepository() {
        @Override
        public void append(String tenantId, AuditEvent event) {
            synchronized (lock) {
                auditLog.add(new TenantEvent(tenantId, event));
            }
        }

        @Override
        public List<AuditEvent> of(String tenantId, Mac mac, Instant since) {
            synchronized (lock) {
                return auditLog.stream()
                        .filter(e -> e.tenantId().equals(tenantId))
                        .map(TenantEvent::event)
                        .filter(e -> mac == null || mac.equals(e.macAddress()))
                        .filter(e -> since == null || !e.at().isBefore(since))
                        .toList();
            }
        }
    };

    @Override
    public DeviceCredentialRepository credentials() {
        return credentialRepository;
    }

    @Override
    public AuditRepository audit() {
        return auditRepository;
    }

    @Override
    public TenantRepository tenants() {
        return tenantRepository;
    }

    @Override
    public ProvisioningRepository provisioning() {
        return provisioning;
    }

    @Override
    public PhoneRepository phones() {
        return phoneRepository;
    }

    @Override
    public GrantRepository grants() {
        return grantRepository;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }
}
