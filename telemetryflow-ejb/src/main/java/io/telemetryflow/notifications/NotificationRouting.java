package io.telemetryflow.notifications;

import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.notifications.RoutingStore.Kind;
import io.telemetryflow.notifications.RoutingStore.Row;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Notification policies, silences, maintenance windows and inhibition rules of a tenant: the tenant the request names
 * (or the caller's home tenant) where the caller holds notifications:read / notifications:write, else 404. Every
 * change is audited when it commits; the author of a silence is the caller.
 */
@ApplicationScoped
@Transactional
public class NotificationRouting {

    static final Permission READ = Permission.parse("notifications:read");
    static final Permission WRITE = Permission.parse("notifications:write");
    static final int MAX_PER_TENANT = 500;

    @Inject
    RoutingStore store;

    @Inject
    TelemetryScopes scopes;

    @Inject
    AuditTrail trail;

    // Each view: the stored object's id and tenant, its definition as the API reads it back, and who made and changed it.

    public record PolicyView(UUID id, UUID tenantId, NotificationPolicy.Spec policy, Instant createdAt, String createdBy,
                             Instant updatedAt, String updatedBy) {
    }

    /** {@code status}: pending, active or expired; {@code createdBy} is the silence's author. */
    public record SilenceView(UUID id, UUID tenantId, Silence.Spec silence, String status, Instant createdAt, String createdBy,
                              Instant updatedAt, String updatedBy) {
    }

    public record WindowView(UUID id, UUID tenantId, MaintenanceWindow.Spec window, boolean activeNow, Instant createdAt,
                             String createdBy, Instant updatedAt, String updatedBy) {
    }

    public record InhibitionView(UUID id, UUID tenantId, InhibitionRule.Spec rule, Instant createdAt, String createdBy,
                                 Instant updatedAt, String updatedBy) {
    }

    // --- policies

    public List<PolicyView> policies(Caller caller, String tenantId) {
        UUID tenant = readable(caller, tenantId).tenantId();
        return store.list(Kind.POLICY, tenant).stream().map(row -> policyView(row, tenant)).toList();
    }

    public PolicyView policy(Caller caller, String tenantId, UUID id) {
        UUID tenant = readable(caller, tenantId).tenantId();
        return policyView(require(Kind.POLICY, tenant, id), tenant);
    }

    public PolicyView createPolicy(Caller caller, String tenantId, NotificationPolicy.Spec spec) {
        NotificationPolicy policy = parse(spec, NotificationPolicy.Spec::parse);
        TenantPlacement tenant = writable(caller, tenantId);
        requireChannels(tenant.tenantId(), policy);
        UUID id = create(caller, tenant, Kind.POLICY, policy.spec(), policyColumns(policy));
        return policy(caller, tenant.tenantId().toString(), id);
    }

    public PolicyView updatePolicy(Caller caller, String tenantId, UUID id, NotificationPolicy.Spec spec) {
        NotificationPolicy policy = parse(spec, NotificationPolicy.Spec::parse);
        TenantPlacement tenant = writable(caller, tenantId);
        requireChannels(tenant.tenantId(), policy);
        update(caller, tenant, Kind.POLICY, id, policy.spec(), policyColumns(policy));
        return policy(caller, tenant.tenantId().toString(), id);
    }

    private void requireChannels(UUID tenant, NotificationPolicy policy) {
        java.util.Set<UUID> live = store.liveChannels(tenant, policy.channelIds());
        for (int i = 0; i < policy.channelIds().size(); i++) {
            if (!live.contains(policy.channelIds().get(i))) {
                throw Rejected.invalid("channelIds[" + i + "]", "channelIds[" + i + "] is not a notification channel of this tenant");
            }
        }
    }

    private static List<Object> policyColumns(NotificationPolicy policy) {
        return List.of(policy.name(), policy.position(), policy.defaultPolicy());
    }

    private static PolicyView policyView(Row row, UUID tenant) {
        return new PolicyView(row.id(), tenant, NotificationJson.read(row.definition(), NotificationPolicy.Spec.class), row.createdAt(),
                row.createdBy(), row.updatedAt(), row.updatedBy());
    }

    // --- silences

    public List<SilenceView> silences(Caller caller, String tenantId) {
        UUID tenant = readable(caller, tenantId).tenantId();
        Instant now = Instant.now();
        return store.list(Kind.SILENCE, tenant).stream().map(row -> silenceView(row, tenant, now)).toList();
    }

    public SilenceView silence(Caller caller, String tenantId, UUID id) {
        UUID tenant = readable(caller, tenantId).tenantId();
        return silenceView(require(Kind.SILENCE, tenant, id), tenant, Instant.now());
    }

    public SilenceView createSilence(Caller caller, String tenantId, Silence.Spec spec) {
        Instant now = Instant.now();
        Silence silence = parse(spec, body -> body.parse(now));
        TenantPlacement tenant = writable(caller, tenantId);
        UUID id = create(caller, tenant, Kind.SILENCE, silence.spec(), List.of(silence.startsAt(), silence.endsAt()));
        return silence(caller, tenant.tenantId().toString(), id);
    }

    public SilenceView updateSilence(Caller caller, String tenantId, UUID id, Silence.Spec spec) {
        Instant now = Instant.now();
        Silence silence = parse(spec, body -> body.parse(now));
        TenantPlacement tenant = writable(caller, tenantId);
        update(caller, tenant, Kind.SILENCE, id, silence.spec(), List.of(silence.startsAt(), silence.endsAt()));
        return silence(caller, tenant.tenantId().toString(), id);
    }

    /** Ends the silence now (an expired one stays as it is); it stays listed as expired. */
    public SilenceView expireSilence(Caller caller, String tenantId, UUID id) {
        TenantPlacement tenant = writable(caller, tenantId);
        Row row = require(Kind.SILENCE, tenant.tenantId(), id);
        Silence expired = Silence.restore(NotificationJson.read(row.definition(), Silence.Spec.class)).expire(Instant.now());
        store.update(Kind.SILENCE, tenant.tenantId(), id, List.of(expired.startsAt(), expired.endsAt()), NotificationJson.write(expired.spec()),
                caller.actor(), Instant.now());
        audit(caller, "silence.expire", Kind.SILENCE, id, tenant);
        return silence(caller, tenant.tenantId().toString(), id);
    }

    private static SilenceView silenceView(Row row, UUID tenant, Instant now) {
        Silence.Spec spec = NotificationJson.read(row.definition(), Silence.Spec.class);
        return new SilenceView(row.id(), tenant, spec, Silence.restore(spec).status(now).wire(), row.createdAt(), row.createdBy(),
                row.updatedAt(), row.updatedBy());
    }

    // --- maintenance windows

    public List<WindowView> windows(Caller caller, String tenantId) {
        UUID tenant = readable(caller, tenantId).tenantId();
        Instant now = Instant.now();
        return store.list(Kind.MAINTENANCE_WINDOW, tenant).stream().map(row -> windowView(row, tenant, now)).toList();
    }

    public WindowView window(Caller caller, String tenantId, UUID id) {
        UUID tenant = readable(caller, tenantId).tenantId();
        return windowView(require(Kind.MAINTENANCE_WINDOW, tenant, id), tenant, Instant.now());
    }

    public WindowView createWindow(Caller caller, String tenantId, MaintenanceWindow.Spec spec) {
        MaintenanceWindow window = parse(spec, MaintenanceWindow.Spec::parse);
        TenantPlacement tenant = writable(caller, tenantId);
        UUID id = create(caller, tenant, Kind.MAINTENANCE_WINDOW, window.spec(), List.of(window.name()));
        return window(caller, tenant.tenantId().toString(), id);
    }

    public WindowView updateWindow(Caller caller, String tenantId, UUID id, MaintenanceWindow.Spec spec) {
        MaintenanceWindow window = parse(spec, MaintenanceWindow.Spec::parse);
        TenantPlacement tenant = writable(caller, tenantId);
        update(caller, tenant, Kind.MAINTENANCE_WINDOW, id, window.spec(), List.of(window.name()));
        return window(caller, tenant.tenantId().toString(), id);
    }

    private static WindowView windowView(Row row, UUID tenant, Instant now) {
        MaintenanceWindow.Spec spec = NotificationJson.read(row.definition(), MaintenanceWindow.Spec.class);
        return new WindowView(row.id(), tenant, spec, spec.parse().isActive(now), row.createdAt(), row.createdBy(), row.updatedAt(),
                row.updatedBy());
    }

    // --- inhibition rules

    public List<InhibitionView> inhibitionRules(Caller caller, String tenantId) {
        UUID tenant = readable(caller, tenantId).tenantId();
        return store.list(Kind.INHIBITION_RULE, tenant).stream().map(row -> inhibitionView(row, tenant)).toList();
    }

    public InhibitionView inhibitionRule(Caller caller, String tenantId, UUID id) {
        UUID tenant = readable(caller, tenantId).tenantId();
        return inhibitionView(require(Kind.INHIBITION_RULE, tenant, id), tenant);
    }

    public InhibitionView createInhibitionRule(Caller caller, String tenantId, InhibitionRule.Spec spec) {
        InhibitionRule rule = parse(spec, InhibitionRule.Spec::parse);
        TenantPlacement tenant = writable(caller, tenantId);
        UUID id = create(caller, tenant, Kind.INHIBITION_RULE, rule.spec(), List.of(rule.name()));
        return inhibitionRule(caller, tenant.tenantId().toString(), id);
    }

    public InhibitionView updateInhibitionRule(Caller caller, String tenantId, UUID id, InhibitionRule.Spec spec) {
        InhibitionRule rule = parse(spec, InhibitionRule.Spec::parse);
        TenantPlacement tenant = writable(caller, tenantId);
        update(caller, tenant, Kind.INHIBITION_RULE, id, rule.spec(), List.of(rule.name()));
        return inhibitionRule(caller, tenant.tenantId().toString(), id);
    }

    private static InhibitionView inhibitionView(Row row, UUID tenant) {
        return new InhibitionView(row.id(), tenant, NotificationJson.read(row.definition(), InhibitionRule.Spec.class), row.createdAt(),
                row.createdBy(), row.updatedAt(), row.updatedBy());
    }

    // --- shared

    public void deletePolicy(Caller caller, String tenantId, UUID id) {
        delete(caller, tenantId, Kind.POLICY, id);
    }

    public void deleteSilence(Caller caller, String tenantId, UUID id) {
        delete(caller, tenantId, Kind.SILENCE, id);
    }

    public void deleteWindow(Caller caller, String tenantId, UUID id) {
        delete(caller, tenantId, Kind.MAINTENANCE_WINDOW, id);
    }

    public void deleteInhibitionRule(Caller caller, String tenantId, UUID id) {
        delete(caller, tenantId, Kind.INHIBITION_RULE, id);
    }

    private void delete(Caller caller, String tenantId, Kind which, UUID id) {
        TenantPlacement tenant = writable(caller, tenantId);
        if (!store.delete(which, tenant.tenantId(), id)) {
            throw Rejected.notFound(which.what, id);
        }
        audit(caller, action(which) + ".delete", which, id, tenant);
    }

    private static <S, T> T parse(S spec, Function<S, T> parser) {
        if (spec == null) {
            throw Rejected.invalid("body", "a JSON body is required");
        }
        return parser.apply(spec);
    }

    private UUID create(Caller caller, TenantPlacement tenant, Kind kind, Object definition, List<Object> columns) {
        if (store.list(kind, tenant.tenantId()).size() >= MAX_PER_TENANT) {
            throw Rejected.conflict(null, "a tenant may have at most " + MAX_PER_TENANT + " of each: delete some first");
        }
        UUID id = UUID.randomUUID();
        store.insert(kind, tenant.tenantId(), id, columns, NotificationJson.write(definition), caller.actor(), Instant.now());
        audit(caller, action(kind) + ".create", kind, id, tenant);
        return id;
    }

    private void update(Caller caller, TenantPlacement tenant, Kind kind, UUID id, Object definition, List<Object> columns) {
        if (!store.update(kind, tenant.tenantId(), id, columns, NotificationJson.write(definition), caller.actor(), Instant.now())) {
            throw Rejected.notFound(kind.what, id);
        }
        audit(caller, action(kind) + ".update", kind, id, tenant);
    }

    private Row require(Kind kind, UUID tenant, UUID id) {
        return store.find(kind, tenant, id).orElseThrow(() -> Rejected.notFound(kind.what, id));
    }

    private TenantPlacement readable(Caller caller, String tenantId) {
        return scopes.resolve(caller, tenantId, READ);
    }

    private TenantPlacement writable(Caller caller, String tenantId) {
        return scopes.resolve(caller, tenantId, WRITE);
    }

    private static String action(Kind kind) {
        return kind.what.replace(' ', '-');
    }

    private void audit(Caller caller, String action, Kind kind, UUID id, TenantPlacement tenant) {
        trail.recordOnCommit(AuditEvent.builder(AuditEvent.Type.DATA, action, AuditEvent.Result.SUCCESS)
                .resource(kind.table.replace("notification_", "").replace('_', '-') + "/" + id)
                .user(caller.userId(), caller.email(), null, null)
                .scope(tenant.organizationId(), tenant.workspaceId(), tenant.tenantId())
                .session(caller.sessionId())
                .metadata(Map.of("kind", kind.what))
                .build());
    }
}
