package io.telemetryflow.notifications.channels;

import io.telemetryflow.alerting.AlertSeverity;
import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.notifications.NotificationMessage;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.telemetry.TelemetryScopes;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Channel management for the API: list, read, create, update, delete, and "send test" of a stored or an unsaved
 * channel. Every call is scoped to one tenant the caller may act on with notifications:read or :write
 * ({@link TelemetryScopes}: the tenant named, or the caller's home tenant); a channel of a tenant the caller cannot
 * reach is a 404 like one that does not exist. Every change and every test send is audited, without secrets.
 */
@ApplicationScoped
@Transactional
public class ChannelAdministration {

    static final Permission READ = Permission.parse("notifications:read");
    static final Permission WRITE = Permission.parse("notifications:write");
    private static final int MAX_CHANNELS_PER_TENANT = 500;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    NotificationChannels channels;

    @Inject
    ChannelSender sender;

    @Inject
    TelemetryScopes scopes;

    @Inject
    AuditTrail auditTrail;

    @Inject
    @ConfigProperty(name = "telemetryflow.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** PostgreSQL keeps microseconds: answers show the times exactly as later reads will. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    public Page<ChannelView> list(Caller caller, String tenantId, PageRequest page) {
        TenantPlacement tenant = scopes.resolve(caller, tenantId, READ);
        List<NotificationChannel> found = em.createQuery("SELECT c FROM NotificationChannel c WHERE c.tenantId = :tenant "
                        + "AND c.deletedAt IS NULL ORDER BY LOWER(c.name), c.id", NotificationChannel.class)
                .setParameter("tenant", tenant.tenantId())
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(found.stream().map(this::view).toList(), count(tenant.tenantId()), page.limit(), page.offset());
    }

    public ChannelView get(Caller caller, UUID id) {
        return view(visible(caller, id, READ).channel());
    }

    public ChannelView create(Caller caller, String tenantId, JsonObject body) {
        TenantPlacement tenant = scopes.resolve(caller, tenantId, WRITE);
        ChannelSpec spec = ChannelSpec.parse(body, null);
        if (count(tenant.tenantId()) >= MAX_CHANNELS_PER_TENANT) {
            throw Rejected.conflict(null, "a tenant has at most " + MAX_CHANNELS_PER_TENANT + " notification channels");
        }
        requireUniqueName(tenant.tenantId(), spec.name(), null);
        Instant now = clock.instant();
        NotificationChannel channel = new NotificationChannel(tenant.tenantId(), caller.actor(), now);
        channel.define(spec, NotificationChannels.settingsJson(spec.config()), channels.sealSecrets(spec.config()), caller.actor(), now);
        em.persist(channel);
        audit(caller, "notification-channel.create", channel, tenant, Map.of());
        return view(channel);
    }

    /** Replaces the channel's definition; secrets sent masked or left out keep their stored values. */
    public ChannelView update(Caller caller, UUID id, JsonObject body) {
        Scoped scoped = visible(caller, id, WRITE);
        NotificationChannel channel = scoped.channel();
        ChannelSpec spec = ChannelSpec.parse(body, channels.open(channel));
        requireUniqueName(channel.getTenantId(), spec.name(), channel.getId());
        channel.define(spec, NotificationChannels.settingsJson(spec.config()), channels.sealSecrets(spec.config()), caller.actor(), clock.instant());
        audit(caller, "notification-channel.update", channel, scoped.tenant(), Map.of());
        return view(channel);
    }

    public void delete(Caller caller, UUID id) {
        Scoped scoped = visible(caller, id, WRITE);
        scoped.channel().softDelete(caller.actor(), clock.instant());
        audit(caller, "notification-channel.delete", scoped.channel(), scoped.tenant(), Map.of());
    }

    /** Sends a test message through a stored channel (switched off or not) and answers how it went. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DeliveryResult test(Caller caller, UUID id) {
        Scoped scoped = visible(caller, id, WRITE);
        NotificationChannel channel = scoped.channel();
        TemplateText templates = TemplateText.compile(channel.getTitleTemplate(), channel.getBodyTemplate(), channel.getType().escaping());
        DeliveryResult result = sender.send(channels.open(channel), templates, testMessage(caller, scoped.tenant(), channel.getName()));
        audit(caller, "notification-channel.test", channel, scoped.tenant(), outcome(result));
        return result;
    }

    /** Sends a test message through a channel that is not stored (the editor's "send test" before saving). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DeliveryResult testUnsaved(Caller caller, String tenantId, JsonObject body) {
        TenantPlacement tenant = scopes.resolve(caller, tenantId, WRITE);
        ChannelSpec spec = ChannelSpec.parse(body, null);
        DeliveryResult result = sender.send(spec.config(), spec.templates(), testMessage(caller, tenant, spec.name()));
        Map<String, String> metadata = new HashMap<>(outcome(result));
        metadata.put("name", spec.name());
        metadata.put("type", spec.config().type().wire());
        auditTrail.recordOnCommit(event(caller, "notification-channel.test", "notification-channels/unsaved", tenant, metadata));
        return result;
    }

    /** What a test sends: one firing alert of an INFO rule, marked {@code test}, linking to the console's alert list. */
    NotificationMessage testMessage(Caller caller, TenantPlacement tenant, String channelName) {
        Instant now = clock.instant();
        Map<String, String> labels = Map.of("alertname", "TelemetryFlow test");
        return new NotificationMessage(tenant.tenantId().toString(), NotificationMessage.FIRING, "test", new UUID(0, 0),
                "TelemetryFlow test notification", AlertSeverity.INFO, labels,
                Map.of("summary", "This is a test notification from TelemetryFlow.",
                        "description", "Sent by " + caller.actor() + " to check the channel '" + channelName + "'."),
                List.of(new NotificationMessage.Alert("0000000000000000", labels, "firing", 1.0, now, null)),
                publicUrl.replaceAll("/+$", "") + "/alerts", true);
    }

    private record Scoped(NotificationChannel channel, TenantPlacement tenant) {
    }

    /** The channel if it exists and the caller holds {@code needed} in its tenant; otherwise 404, whoever asks. */
    private Scoped visible(Caller caller, UUID id, Permission needed) {
        NotificationChannel channel = channels.live(id).orElseThrow(() -> Rejected.notFound("notification channel", id));
        try {
            return new Scoped(channel, scopes.resolve(caller, channel.getTenantId().toString(), needed));
        } catch (Rejected e) {
            if (e.reason() == Rejected.Reason.NOT_FOUND) {
                throw Rejected.notFound("notification channel", id);
            }
            throw e;
        }
    }

    private void requireUniqueName(UUID tenantId, String name, UUID except) {
        List<UUID> same = em.createQuery("SELECT c.id FROM NotificationChannel c WHERE c.tenantId = :tenant AND c.deletedAt IS NULL "
                        + "AND LOWER(c.name) = LOWER(:name)", UUID.class)
                .setParameter("tenant", tenantId).setParameter("name", name).getResultList();
        if (same.stream().anyMatch(id -> !id.equals(except))) {
            throw Rejected.conflict("name", "a notification channel named '" + name + "' exists in this tenant");
        }
    }

    private long count(UUID tenantId) {
        return em.createQuery("SELECT COUNT(c) FROM NotificationChannel c WHERE c.tenantId = :tenant AND c.deletedAt IS NULL", Long.class)
                .setParameter("tenant", tenantId).getSingleResult();
    }

    private ChannelView view(NotificationChannel channel) {
        return ChannelView.of(channel, channels.open(channel).masked());
    }

    private static Map<String, String> outcome(DeliveryResult result) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("delivered", String.valueOf(result.delivered()));
        if (result.statusCode() != null) {
            metadata.put("statusCode", String.valueOf(result.statusCode()));
        }
        if (result.error() != null) {
            metadata.put("error", result.error());
        }
        return metadata;
    }

    private void audit(Caller caller, String action, NotificationChannel channel, TenantPlacement tenant, Map<String, String> details) {
        Map<String, String> metadata = new HashMap<>(details);
        metadata.put("name", channel.getName());
        metadata.put("type", channel.getType().wire());
        auditTrail.recordOnCommit(event(caller, action, "notification-channels/" + channel.getId(), tenant, metadata));
    }

    private static AuditEvent event(Caller caller, String action, String resource, TenantPlacement tenant, Map<String, String> metadata) {
        return AuditEvent.builder(AuditEvent.Type.DATA, action, AuditEvent.Result.SUCCESS)
                .resource(resource)
                .user(caller.userId(), caller.email(), null, null)
                .scope(tenant.organizationId(), tenant.workspaceId(), tenant.tenantId())
                .session(caller.sessionId())
                .metadata(metadata)
                .build();
    }
}
