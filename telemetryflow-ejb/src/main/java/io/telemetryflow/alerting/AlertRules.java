package io.telemetryflow.alerting;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Alert rules of a tenant (docs/alerting.md): list, read, create, update (a stale version is a 409), delete, preview,
 * and the default templates with their import. The tenant is the one named ({@code tenantId}) or the caller's home
 * tenant, resolved and checked by {@link TelemetryScopes} with alerts:read or alerts:write; a rule of a tenant the caller
 * may not reach is a 404. Every change is audited.
 */
@ApplicationScoped
@Transactional
public class AlertRules {

    private static final Logger LOG = Logger.getLogger(AlertRules.class.getName());

    static final Permission READ = Permission.parse("alerts:read");
    static final Permission WRITE = Permission.parse("alerts:write");
    /** Rules one tenant may hold: each is evaluated every interval. */
    static final int MAX_RULES_PER_TENANT = 5_000;
    static final int MAX_PREVIEW_HOURS = 24;
    /** Steps a preview reads per series at most: a long range at a short interval is read coarser. */
    static final long MAX_PREVIEW_STEPS = 1_440;
    static final int MAX_IMPORT_IDS = 100;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    TelemetryScopes scopes;

    @Inject
    AlertingSettings settings;

    @Inject
    AlertAudit audit;

    @Inject
    RuleSamples samples;

    @Inject
    Event<AlertTransitions> transitionsEvent;

    @Inject
    AlertHistory history;

    /** PostgreSQL keeps microseconds: answers show the times exactly as later reads will. */
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    public AlertRuleView.Page list(Caller caller, String tenantId, String nameContains, Boolean enabled, PageRequest page) {
        TenantPlacement tenant = scopes.resolve(caller, tenantId, READ);
        String name = containing(nameContains);
        String where = " WHERE r.tenantId = :tenant AND r.deletedAt IS NULL" + (name == null ? "" : " AND LOWER(r.name) LIKE :name")
                + (enabled == null ? "" : " AND r.enabled = :enabled");
        TypedQuery<StoredAlertRule> rows = em.createQuery("SELECT r FROM StoredAlertRule r" + where + " ORDER BY r.name, r.id",
                StoredAlertRule.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(r) FROM StoredAlertRule r" + where, Long.class);
        for (TypedQuery<?> query : List.of(rows, count)) {
            query.setParameter("tenant", tenant.tenantId());
            if (name != null) {
                query.setParameter("name", name);
            }
            if (enabled != null) {
                query.setParameter("enabled", enabled);
            }
        }
        List<StoredAlertRule> found = rows.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        Map<UUID, Map<String, Long>> instances = instanceCounts(found.stream().map(StoredAlertRule::getId).toList());
        return new AlertRuleView.Page(found.stream().map(rule -> AlertRuleView.of(rule, instances.getOrDefault(rule.getId(), Map.of()))).toList(),
                count.getSingleResult(), page.limit(), page.offset());
    }

    public AlertRuleView get(Caller caller, UUID id) {
        StoredAlertRule rule = visible(caller, id, READ).rule();
        return view(rule);
    }

    public AlertRuleView create(Caller caller, AlertRuleSpec spec) {
        TenantPlacement tenant = scopes.resolve(caller, requireSpec(spec).tenantId(), WRITE);
        StoredAlertRule rule = insert(caller, tenant, spec, Map.of());
        return view(rule);
    }

    public AlertRuleView update(Caller caller, UUID id, AlertRuleSpec spec, Long version) {
        requireSpec(spec);
        if (version == null) {
            throw Rejected.invalid("version", "version is required: the version of the rule you read");
        }
        Visible visible = visible(caller, id, WRITE);
        StoredAlertRule rule = visible.rule();
        if (spec.tenantId() != null && !spec.tenantId().isBlank() && !spec.tenantId().strip().equals(rule.getTenantId().toString())) {
            throw Rejected.invalid("tenantId", "a rule cannot move to another tenant");
        }
        if (rule.getVersion() != version) {
            throw Rejected.conflict("version", "the rule was changed since you read it (version " + rule.getVersion() + ", you sent " + version
                    + "); read it again");
        }
        Instant now = clock.instant();
        AlertRule parsed = spec.parse(now, settings.limits());
        AlertRule before = storedRule(rule, now);
        // a stored rule that no longer parses (the operator's bounds changed) was not being evaluated: a fresh start
        String ends = before == null ? "rule changed" : AlertEvaluation.endsInstances(before, parsed);
        if (ends != null) {
            endInstances(rule, ends, now, true);   // announced with the rule as it was, as its alerts were
        }
        rule.apply(parsed, AlertJson.spec(spec), caller.actor(), now);
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw Rejected.conflict("version", "the rule was changed meanwhile; read it again");
        }
        audit.changed(caller, "alert-rule.update", "alert-rules/" + id, visible.tenant(), Map.of("name", parsed.name()));
        return view(rule);
    }

    public void delete(Caller caller, UUID id) {
        Visible visible = visible(caller, id, WRITE);
        StoredAlertRule rule = visible.rule();
        Instant now = clock.instant();
        rule.softDelete(caller.actor(), now);
        endInstances(rule, "rule deleted", now, false);   // a deleted rule's history is no longer readable
        audit.changed(caller, "alert-rule.delete", "alert-rules/" + id, visible.tenant(), Map.of("name", rule.getName()));
    }

    /**
     * Removes the rule's instances and resolves the ones not normal ({@link AlertEvaluation#ended}), announced like an
     * evaluation's transitions (notifications, the live hub): nothing evaluates them again as they were, and their
     * notification groups would otherwise repeat them for ever. The next evaluation of a changed rule starts from normal.
     * With {@code recorded}, the transitions go to {@code alert_history} too (a history outage does not stop the change).
     */
    private void endInstances(StoredAlertRule rule, String reason, Instant now, boolean recorded) {
        UUID id = rule.getId();
        Map<String, InstanceState> states = new HashMap<>();
        Map<String, Map<String, String>> labels = new HashMap<>();
        for (StoredAlertInstance instance : em.createQuery("SELECT i FROM StoredAlertInstance i WHERE i.ruleId = :rule", StoredAlertInstance.class)
                .setParameter("rule", id).getResultList()) {
            states.put(instance.getFingerprint(), instance.state());
            labels.put(instance.getFingerprint(), instance.getLabels());
        }
        em.createQuery("DELETE FROM StoredAlertInstance i WHERE i.ruleId = :rule").setParameter("rule", id).executeUpdate();
        List<AlertTransition> ended = AlertEvaluation.ended(states, labels, reason, now);
        if (!ended.isEmpty()) {
            if (recorded) {
                try {
                    history.write(rule.getTenantId(), id, now, ended);
                } catch (ClickHouseWriteException e) {
                    LOG.log(Level.WARNING, "Transitions of alert rule " + id + " (" + reason + ") not written to alert_history", e);
                }
            }
            AlertRuleSpec spec = AlertJson.spec(rule.getSpec());
            transitionsEvent.fire(new AlertTransitions(rule.getTenantId().toString(), id, rule.getName(),
                    AlertSeverity.parse("severity", rule.getSeverity()), spec.labels() == null ? Map.of() : spec.labels(),
                    spec.annotations() == null ? Map.of() : spec.annotations(), ended));
        }
    }

    /** The rule as stored, or null when the operator's bounds changed so that it no longer parses. */
    private AlertRule storedRule(StoredAlertRule rule, Instant now) {
        try {
            return AlertJson.spec(rule.getSpec()).parse(now, settings.limits());
        } catch (Rejected e) {
            return null;
        }
    }

    /** What the rule would have done over the last {@code hours} (1 to 24): its series, crossings and transitions. */
    public AlertPreview.PreviewResult preview(Caller caller, AlertRuleSpec spec, Integer hours) {
        TenantPlacement tenant = scopes.resolve(caller, requireSpec(spec).tenantId(), READ);
        if (hours == null || hours < 1 || hours > MAX_PREVIEW_HOURS) {
            throw Rejected.invalid("hours", "hours must be between 1 and " + MAX_PREVIEW_HOURS);
        }
        Instant now = clock.instant();
        AlertRule rule = spec.parse(now, settings.limits());
        // ticks over the last hours; the read covers what the first of them sees up to now - delay, so that the chart
        // also shows the minute still being written (which the last tick's whole-minute window leaves out)
        Instant from = now.minus(Duration.ofHours(hours));
        EvaluationWindow first = EvaluationWindow.of(rule, from);
        long coarsest = (long) Math.ceil(Duration.ofHours(hours).toSeconds() / (double) MAX_PREVIEW_STEPS);
        Duration step = Duration.ofSeconds(Math.max(first.step().toSeconds(), coarsest));
        List<SeriesSample> read = samples.read(tenant, rule.query(), first.from(), now.minus(rule.evaluationDelay()), step, now);
        return AlertPreview.replay(rule, read, from, now);
    }

    public List<RuleTemplate> templates() {
        return RuleTemplates.all();
    }

    /** Creates a rule from each template named (every template with {@code all}), in the tenant named or the home tenant. */
    public List<AlertRuleView> importTemplates(Caller caller, String tenantId, List<String> ids, boolean all) {
        TenantPlacement tenant = scopes.resolve(caller, tenantId, WRITE);
        Map<String, RuleTemplate> byId = new LinkedHashMap<>();
        RuleTemplates.all().forEach(template -> byId.put(template.id(), template));
        List<RuleTemplate> chosen = new ArrayList<>();
        if (all) {
            chosen.addAll(byId.values());
        } else {
            if (ids == null || ids.isEmpty()) {
                throw Rejected.invalid("ids", "ids (template ids) or \"all\": true is required");
            }
            if (ids.size() > MAX_IMPORT_IDS) {
                throw Rejected.invalid("ids", "at most " + MAX_IMPORT_IDS + " ids");
            }
            for (String id : ids.stream().distinct().toList()) {
                RuleTemplate template = id == null ? null : byId.get(id);
                if (template == null) {
                    throw Rejected.invalid("ids", "no rule template has the id " + (id == null ? "null" : "'" + AlertJson.cut(id, 100) + "'"));
                }
                chosen.add(template);
            }
        }
        List<AlertRuleView> created = new ArrayList<>();
        for (RuleTemplate template : chosen) {
            created.add(view(insert(caller, tenant, template.spec(), Map.of("template", template.id()))));
        }
        return created;
    }

    // ---------------------------------------------------------------------------------------------

    private StoredAlertRule insert(Caller caller, TenantPlacement tenant, AlertRuleSpec spec, Map<String, String> details) {
        Instant now = clock.instant();
        AlertRule parsed = spec.parse(now, settings.limits());
        long rules = em.createQuery("SELECT COUNT(r) FROM StoredAlertRule r WHERE r.tenantId = :tenant AND r.deletedAt IS NULL", Long.class)
                .setParameter("tenant", tenant.tenantId()).getSingleResult();
        if (rules >= MAX_RULES_PER_TENANT) {
            throw Rejected.conflict(null, "a tenant may hold at most " + MAX_RULES_PER_TENANT + " alert rules");
        }
        StoredAlertRule rule = new StoredAlertRule(tenant.tenantId(), caller.actor(), now);
        rule.apply(parsed, AlertJson.spec(spec), caller.actor(), now);
        em.persist(rule);
        em.flush();
        Map<String, String> metadata = new HashMap<>(details);
        metadata.put("name", parsed.name());
        audit.changed(caller, "alert-rule.create", "alert-rules/" + rule.getId(), tenant, metadata);
        return rule;
    }

    record Visible(StoredAlertRule rule, TenantPlacement tenant) {
    }

    /** The live rule if the caller holds {@code permission} in its tenant; 404 otherwise, as for a rule that does not exist. */
    Visible visible(Caller caller, UUID id, Permission permission) {
        // a change locks the row: the scheduler passes over it meanwhile, and the next tick it reads is current
        StoredAlertRule rule = permission.equals(WRITE) ? em.find(StoredAlertRule.class, id, LockModeType.PESSIMISTIC_WRITE)
                : em.find(StoredAlertRule.class, id);
        if (rule == null || rule.isDeleted()) {
            throw Rejected.notFound("alert rule", id);
        }
        TenantPlacement tenant;
        try {
            tenant = scopes.resolve(caller, rule.getTenantId().toString(), permission);
        } catch (Rejected e) {
            if (e.reason() == Rejected.Reason.NOT_FOUND && permission.equals(WRITE) && canRead(caller, rule)) {
                throw Rejected.forbidden("you may read this rule but not change it (alerts:write)");
            }
            throw e.reason() == Rejected.Reason.NOT_FOUND ? Rejected.notFound("alert rule", id) : e;
        }
        return new Visible(rule, tenant);
    }

    private boolean canRead(Caller caller, StoredAlertRule rule) {
        try {
            scopes.recheck(caller, rule.getTenantId().toString(), READ);
            return true;
        } catch (Rejected e) {
            return false;
        }
    }

    private AlertRuleView view(StoredAlertRule rule) {
        return AlertRuleView.of(rule, instanceCounts(List.of(rule.getId())).getOrDefault(rule.getId(), Map.of()));
    }

    /** Per rule, how many instances are in each state (wire names). */
    private Map<UUID, Map<String, Long>> instanceCounts(List<UUID> rules) {
        Map<UUID, Map<String, Long>> counts = new HashMap<>();
        if (rules.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = em.createQuery("SELECT i.ruleId, i.state, COUNT(i) FROM StoredAlertInstance i WHERE i.ruleId IN :rules "
                + "GROUP BY i.ruleId, i.state", Object[].class).setParameter("rules", rules).getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((UUID) row[0], rule -> new LinkedHashMap<>())
                    .put(AlertState.valueOf((String) row[1]).wire(), ((Number) row[2]).longValue());
        }
        return counts;
    }

    /** A LIKE pattern for values containing {@code text} (lower case, at most 200 characters), or null when blank. */
    static String containing(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return "%" + AlertJson.cut(text.strip(), 200).toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
    }

    private static AlertRuleSpec requireSpec(AlertRuleSpec spec) {
        if (spec == null) {
            throw Rejected.invalid("name", "a JSON body with the rule is required");
        }
        return spec;
    }
}
