package dialtone.backend.store.h2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dialtone.backend.TenantConfig;
import dialtone.backend.UserAccount;
import dialtone.backend.store.StoreException;
import dialtone.backend.store.TenantRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant is stored as two kinds of rows: the tenant's document without its accounts (table
 * {@code tenants}) and one document per account (table {@code users}, keyed by UPN, so an account
 * belongs to one tenant only). Reading puts the accounts back under {@value #USERS}.
 */
final class H2TenantRepository implements TenantRepository {
    /** {@link TenantConfig}'s JSON property holding the accounts. */
    private static final String USERS = "users";

    private final Documents documents;
    private final ObjectMapper json;
    private final H2Store store;

    H2TenantRepository(H2Store store, Documents documents, ObjectMapper json) {
        this.store = store;
        this.documents = documents;
        this.json = json;
    }

    @Override
    public List<TenantConfig> all() {
        return read("");
    }

    @Override
    public Optional<TenantConfig> find(String tenantId) {
        if (tenantId == null) {
            return Optional.empty();
        }
        return read("WHERE t.tenant_key = ?", key(tenantId)).stream().findFirst();
    }

    @Override
    public void save(TenantConfig tenant) {
        String tenantKey = key(tenant.tenantId());
        ObjectNode doc = json.valueToTree(tenant);
        doc.remove(USERS);
        store.inTransaction(() -> {
            documents.update("MERGE INTO tenants (tenant_key, doc) KEY (tenant_key) VALUES (?, ?)",
                    tenantKey, documents.write(doc));
            documents.update("DELETE FROM users WHERE tenant_key = ?", tenantKey);
            for (UserAccount user : tenant.users()) {
                documents.update("INSERT INTO users (upn_key, tenant_key, doc) VALUES (?, ?, ?)",
                        key(user.upn()), tenantKey, documents.write(user));
            }
        });
    }

    /** Tenants with their accounts in one statement: one consistent snapshot, no lock needed. */
    private List<TenantConfig> read(String where, Object... params) {
        Map<String, ObjectNode> tenants = new LinkedHashMap<>();
        for (List<String> row : documents.rows("SELECT t.tenant_key, t.doc, u.doc FROM tenants t"
                + " LEFT JOIN users u ON u.tenant_key = t.tenant_key " + where + " ORDER BY t.seq, u.seq", params)) {
            ObjectNode tenant = tenants.computeIfAbsent(row.get(0), k -> {
                ObjectNode doc = documents.read(row.get(1), ObjectNode.class);
                doc.putArray(USERS);
                return doc;
            });
            if (row.get(2) != null) {
                ((ArrayNode) tenant.get(USERS)).add(documents.read(row.get(2), ObjectNode.class));
            }
        }
        return tenants.entrySet().stream().map(e -> toTenant(e.getKey(), e.getValue())).toList();
    }

    private TenantConfig toTenant(String tenantKey, ObjectNode doc) {
        try {
            return json.treeToValue(doc, TenantConfig.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("the stored tenant " + tenantKey + " cannot be read back");
        }
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
