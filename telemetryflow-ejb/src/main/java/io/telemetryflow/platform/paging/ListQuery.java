package io.telemetryflow.platform.paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A filtered, paged JPQL list: fixed query text with optional conditions appended only when their
 * value is given, every value bound as a parameter. The selected entity is always aliased {@code e}.
 */
public final class ListQuery<T> {

    private final Class<T> type;
    private final String from;
    private final StringBuilder where;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private ListQuery(Class<T> type, String from, String where) {
        this.type = type;
        this.from = from;
        this.where = new StringBuilder(where);
    }

    /** {@code from} such as {@code "FROM Tenant e, Workspace w"}; {@code where} the conditions always applied. */
    public static <T> ListQuery<T> of(Class<T> type, String from, String where) {
        return new ListQuery<>(type, from, where);
    }

    /** Adds {@code path = :name} when {@code value} is not null. */
    public ListQuery<T> equal(String path, String name, Object value) {
        if (value != null) {
            where.append(" AND ").append(path).append(" = :").append(name);
            parameters.put(name, value);
        }
        return this;
    }

    /** Adds a condition with one named parameter, always (for conditions a plain equality cannot say). */
    public ListQuery<T> and(String condition, String name, Object value) {
        where.append(" AND (").append(condition).append(')');
        parameters.put(name, value);
        return this;
    }

    /** Adds a condition with several named parameters, always. */
    public ListQuery<T> and(String condition, Map<String, Object> values) {
        where.append(" AND (").append(condition).append(')');
        parameters.putAll(values);
        return this;
    }

    /** Adds a case-insensitive substring match over one or more paths (any of them) when {@code text} is not blank. */
    public ListQuery<T> contains(String name, String text, String... paths) {
        if (text != null && !text.isBlank()) {
            where.append(" AND (");
            for (int i = 0; i < paths.length; i++) {
                where.append(i == 0 ? "" : " OR ").append("LOWER(").append(paths[i]).append(") LIKE :").append(name).append(" ESCAPE '!'");
            }
            where.append(')');
            parameters.put(name, "%" + text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return this;
    }

    /** Adds {@code e.organizationId = :organization}-style scoping for the organization, if any. */
    public ListQuery<T> organization(String path, UUID organization) {
        return equal(path, "scopeOrganization", organization);
    }

    public Page<T> page(EntityManager em, PageRequest request, String orderBy) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) " + from + " WHERE " + where, Long.class);
        TypedQuery<T> select = em.createQuery("SELECT e " + from + " WHERE " + where + " ORDER BY " + orderBy, type);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        long total = count.getSingleResult();
        var items = total <= request.offset() ? java.util.List.<T>of()
                : select.setFirstResult(request.offset()).setMaxResults(request.limit()).getResultList();
        return new Page<>(items, total, request.limit(), request.offset());
    }
}
