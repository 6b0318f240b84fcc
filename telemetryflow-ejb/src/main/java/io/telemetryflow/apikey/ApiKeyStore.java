package io.telemetryflow.apikey;

import io.telemetryflow.iam.Places;
import io.telemetryflow.iam.TenancyNodeChanged;
import io.telemetryflow.tenancy.Organization;
import io.telemetryflow.tenancy.TenancyNode;
import io.telemetryflow.tenancy.Tenant;
import io.telemetryflow.tenancy.Workspace;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes API keys in PostgreSQL. */
@Stateless
public class ApiKeyStore {

    /**
     * A list request: keys of one organization (or of all, for a Super Administrator), optionally narrowed by
     * status and name, and to the keys scoped inside {@code places} when that is not null.
     */
    public record Filter(UUID organizationId, ApiKeyStatus status, String nameContains, Places places) {
    }

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    public Optional<ApiKey> find(ApiKeyId keyId) {
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.keyId = :keyId", ApiKey.class)
                .setParameter("keyId", keyId.value())
                .getResultStream().findFirst();
    }

    /** The undeleted key with this row id. */
    public Optional<ApiKey> find(UUID id) {
        return Optional.ofNullable(em.find(ApiKey.class, id)).filter(key -> !key.isDeleted());
    }

    /** The snapshot verification needs, or empty for an unknown id. */
    public Optional<ApiKeyVerifier.StoredKey> findForVerification(ApiKeyId keyId) {
        return find(keyId).map(key -> key.toStoredKey(scopeLive(key.getScope())));
    }

    /** The undeleted, unrevoked keys scoped to the node or below it (a workspace's keys include its tenants'). */
    public List<ApiKey> unrevokedWithin(TenancyNodeChanged.Level level, UUID nodeId) {
        String column = switch (level) {
            case ORGANIZATION -> "k.organizationId";
            case WORKSPACE -> "k.workspaceId";
            case TENANT -> "k.tenantId";
        };
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.deletedAt IS NULL AND k.revokedAt IS NULL AND " + column
                        + " = :node", ApiKey.class)
                .setParameter("node", nodeId)
                .getResultList();
    }

    public ApiKey create(ApiKey key) {
        em.persist(key);
        return key;
    }

    /** One page of matching keys, newest first. */
    public List<ApiKey> list(Filter filter, Instant now, int offset, int limit) {
        TypedQuery<ApiKey> query = em.createQuery("SELECT k FROM ApiKey k WHERE " + where(filter)
                + " ORDER BY k.createdAt DESC, k.id", ApiKey.class);
        bind(query, filter, now);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter, Instant now) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(k) FROM ApiKey k WHERE " + where(filter), Long.class);
        bind(query, filter, now);
        return query.getSingleResult();
    }

    /** Whether every level the key names (organization; workspace and tenant when set) exists, is not deleted and is active. */
    private boolean scopeLive(ApiKeyScope scope) {
        return live(Organization.class, scope.organizationId()) && live(Workspace.class, scope.workspaceId())
                && live(Tenant.class, scope.tenantId());
    }

    private boolean live(Class<? extends TenancyNode> level, UUID id) {
        if (id == null) {
            return true;   // the key is not scoped this narrowly
        }
        TenancyNode node = em.find(level, id);
        return node != null && !node.isDeleted() && node.isActive();
    }

    // only fixed JPQL fragments are concatenated; every value is a parameter
    private static String where(Filter filter) {
        StringBuilder where = new StringBuilder("k.deletedAt IS NULL");
        if (filter.organizationId() != null) {
            where.append(" AND k.organizationId = :organization");
        }
        if (filter.status() != null) {
            where.append(switch (filter.status()) {
                case REVOKED -> " AND k.revokedAt IS NOT NULL";
                case EXPIRED -> " AND k.revokedAt IS NULL AND k.expiresAt <= :now";
                case ACTIVE -> " AND k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > :now)";
            });
        }
        if (filter.nameContains() != null) {
            where.append(" AND LOWER(k.name) LIKE :name ESCAPE '\\'");
        }
        if (filter.places() != null) {
            where.append(" AND (k.workspaceId IN :workspaces OR k.tenantId IN :tenants)");
        }
        return where.toString();
    }

    private static void bind(TypedQuery<?> query, Filter filter, Instant now) {
        if (filter.places() != null) {
            query.setParameter("workspaces", filter.places().workspaceParameter());
            query.setParameter("tenants", filter.places().tenantParameter());
        }
        if (filter.organizationId() != null) {
            query.setParameter("organization", filter.organizationId());
        }
        if (filter.status() == ApiKeyStatus.EXPIRED || filter.status() == ApiKeyStatus.ACTIVE) {
            query.setParameter("now", now.atOffset(ZoneOffset.UTC));
        }
        if (filter.nameContains() != null) {
            String escaped = filter.nameContains().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            query.setParameter("name", "%" + escaped + "%");
        }
    }
}
