package io.telemetryflow.alerting;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Alert instances of a tenant ({@code GET /alerts}: firing and pending unless asked otherwise), a rule's history and
 * statistics from ClickHouse {@code alert_history}, and acknowledgement (audited). Scoped like {@link AlertRules}.
 */
@ApplicationScoped
@Transactional
public class AlertInstances {

    static final int MAX_FILTER_VALUES = 10;
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    TelemetryScopes scopes;

    @Inject
    AlertRules rules;

    @Inject
    TelemetryQueries queries;

    @Inject
    AlertAudit audit;

    /** The filters of the list, as given (each may be comma-separated). */
    public record Filter(String tenantId, String state, String severity, String ruleId, String q) {
    }

    public AlertInstanceView.Page list(Caller caller, Filter filter, PageRequest page) {
        TenantPlacement tenant = scopes.resolve(caller, filter.tenantId(), AlertRules.READ);
        Set<String> states = states(filter.state());
        Set<String> severities = severities(filter.severity());
        UUID ruleId = ruleId(filter.ruleId());
        String q = AlertRules.containing(filter.q());
        String where = " FROM StoredAlertInstance i, StoredAlertRule r WHERE r.id = i.ruleId AND i.tenantId = :tenant AND r.deletedAt IS NULL"
                + (states == null ? "" : " AND i.state IN :states") + (severities == null ? "" : " AND r.severity IN :severities")
                + (ruleId == null ? "" : " AND i.ruleId = :rule") + (q == null ? "" : " AND (LOWER(r.name) LIKE :q OR i.fingerprint LIKE :q)");
        TypedQuery<Object[]> rows = em.createQuery("SELECT i, r" + where + " ORDER BY i.stateSince DESC, i.fingerprint", Object[].class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(i)" + where, Long.class);
        for (TypedQuery<?> query : List.of(rows, count)) {
            query.setParameter("tenant", tenant.tenantId());
            if (states != null) {
                query.setParameter("states", states);
            }
            if (severities != null) {
                query.setParameter("severities", severities);
            }
            if (ruleId != null) {
                query.setParameter("rule", ruleId);
            }
            if (q != null) {
                query.setParameter("q", q);
            }
        }
        Map<UUID, AlertRuleSpec> specs = new HashMap<>();
        List<AlertInstanceView> items = new ArrayList<>();
        for (Object[] row : rows.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()) {
            StoredAlertInstance instance = (StoredAlertInstance) row[0];
            StoredAlertRule rule = (StoredAlertRule) row[1];
            AlertRuleSpec spec = specs.computeIfAbsent(rule.getId(), id -> AlertJson.spec(rule.getSpec()));
            items.add(view(instance, rule, spec));
        }
        return new AlertInstanceView.Page(items, count.getSingleResult(), page.limit(), page.offset());
    }

    public AlertInstanceView.History history(Caller caller, UUID ruleId, String fingerprint, PageRequest page) {
        AlertRules.Visible visible = rules.visible(caller, ruleId, AlertRules.READ);
        String instance = fingerprint(fingerprint);
        List<AlertInstanceView.HistoryEntry> items = new ArrayList<>();
        for (GenericRecord row : queries.rows(AlertHistory.page(visible.tenant(), ruleId, instance, page.limit(), page.offset()))) {
            Object value = row.getObject("value");
            items.add(new AlertInstanceView.HistoryEntry(row.getString("fingerprint"), labels(row.getObject("labels")), row.getString("from_state"),
                    row.getString("to_state"), value == null ? null : ((Number) value).doubleValue(), row.getString("reason"),
                    Instant.ofEpochMilli(row.getLong("at_ms"))));
        }
        long total = queries.rows(AlertHistory.count(visible.tenant(), ruleId, instance)).get(0).getLong("total");
        return new AlertInstanceView.History(items, total, page.limit(), page.offset());
    }

    public AlertInstanceView.Stats stats(Caller caller, UUID ruleId) {
        AlertRules.Visible visible = rules.visible(caller, ruleId, AlertRules.READ);
        List<EpisodeStats.Change> changes = new ArrayList<>();
        for (GenericRecord row : queries.rows(AlertHistory.episodes(visible.tenant(), ruleId))) {
            changes.add(new EpisodeStats.Change(row.getString("fingerprint"), row.getString("from_state"), row.getString("to_state"),
                    row.getLong("at_ms")));
        }
        EpisodeStats stats = EpisodeStats.of(changes);
        return new AlertInstanceView.Stats(ruleId, stats.firings(), stats.resolved(), stats.meanTimeToResolveSeconds());
    }

    public AlertInstanceView acknowledge(Caller caller, UUID ruleId, String fingerprint) {
        AlertRules.Visible visible = rules.visible(caller, ruleId, AlertRules.WRITE);
        String instanceFingerprint = fingerprint(fingerprint);
        StoredAlertInstance instance = instanceFingerprint == null ? null
                : em.find(StoredAlertInstance.class, new StoredAlertInstance.Key(ruleId, instanceFingerprint));
        if (instance == null) {
            throw Rejected.notFound("alert instance", fingerprint);
        }
        if (instance.getState() == AlertState.NORMAL) {
            throw Rejected.conflict(null, "the instance is normal: there is nothing to acknowledge");
        }
        instance.acknowledge(caller.actor(), Instant.now());
        audit.changed(caller, "alert-instance.acknowledge", "alert-rules/" + ruleId + "/instances/" + instanceFingerprint, visible.tenant(),
                Map.of("state", instance.getState().wire()));
        return view(instance, visible.rule(), AlertJson.spec(visible.rule().getSpec()));
    }

    // ---------------------------------------------------------------------------------------------

    private static AlertInstanceView view(StoredAlertInstance instance, StoredAlertRule rule, AlertRuleSpec spec) {
        InstanceState state = instance.state();
        return new AlertInstanceView(rule.getId(), rule.getName(), rule.getSeverity(), instance.getTenantId().toString(),
                instance.getFingerprint(), instance.getLabels(), state.state().wire(), state.reason(), state.value(), state.stateSince(),
                state.pendingSince(), state.firingSince(), instance.getLastEvaluatedAt(), instance.getAcknowledgedBy(),
                instance.getAcknowledgedAt(), spec.annotations() == null ? Map.of() : spec.annotations());
    }

    /** Stored state names of the {@code state} filter: firing and pending when absent, every state for {@code all}. */
    static Set<String> states(String text) {
        if (text == null || text.isBlank()) {
            return Set.of(AlertState.FIRING.name(), AlertState.PENDING.name());
        }
        if (text.strip().equals("all")) {
            return null;
        }
        Set<String> states = new LinkedHashSet<>();
        for (String name : values("state", text)) {
            AlertState state = AlertState.ofWire(name);
            if (state == null) {
                throw Rejected.invalid("state", "state must be all or a comma-separated list of normal, pending, firing, recovering, "
                        + "no_data, error");
            }
            states.add(state.name());
        }
        return states;
    }

    static Set<String> severities(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Set<String> severities = new LinkedHashSet<>();
        for (String name : values("severity", text)) {
            severities.add(AlertSeverity.parse("severity", name).wire());
        }
        return severities;
    }

    private static List<String> values(String field, String text) {
        List<String> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            values.add(part.strip().toLowerCase(Locale.ROOT));
        }
        if (values.size() > MAX_FILTER_VALUES) {
            throw Rejected.invalid(field, "at most " + MAX_FILTER_VALUES + " values");
        }
        return values;
    }

    private static UUID ruleId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("ruleId", "ruleId must be a UUID");
        }
    }

    /** A fingerprint as the API shows it, or null when absent; 400 for anything else. */
    private static String fingerprint(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String fingerprint = text.strip();
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw Rejected.invalid("fingerprint", "fingerprint must be 16 lower-case hexadecimal characters");
        }
        return fingerprint;
    }

    private static Map<String, String> labels(Object map) {
        Map<String, String> labels = new java.util.TreeMap<>();
        ((Map<?, ?>) map).forEach((key, value) -> labels.put(String.valueOf(key), String.valueOf(value)));
        return labels;
    }
}
