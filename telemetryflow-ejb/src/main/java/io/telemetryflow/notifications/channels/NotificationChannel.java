package io.telemetryflow.notifications.channels;

import io.telemetryflow.tenancy.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored channel of one tenant. {@code settings} is a JSON object of its plain settings; {@code secretsSealed} is
 * the JSON object of its secrets sealed with the platform's encryption key ({@code SecretBox}), never readable in the
 * database or the API.
 */
@Entity
@Table(name = "notification_channels")
public class NotificationChannel extends AuditedEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String settings;

    @Column(name = "secrets_sealed")
    private String secretsSealed;

    @Column(name = "title_template")
    private String titleTemplate;

    @Column(name = "body_template")
    private String bodyTemplate;

    @Column(nullable = false)
    private boolean enabled;

    protected NotificationChannel() {
    }

    NotificationChannel(UUID tenantId, String actor, Instant now) {
        super(actor, now);
        this.tenantId = tenantId;
    }

    void define(ChannelSpec spec, String settingsJson, String sealedSecrets, String actor, Instant now) {
        this.name = spec.name();
        this.type = spec.config().type().wire();
        this.settings = settingsJson;
        this.secretsSealed = sealedSecrets;
        this.titleTemplate = spec.titleTemplate();
        this.bodyTemplate = spec.bodyTemplate();
        this.enabled = spec.enabled();
        touched(actor, now);
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public ChannelType getType() {
        return ChannelType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    }

    String getSettings() {
        return settings;
    }

    String getSecretsSealed() {
        return secretsSealed;
    }

    public String getTitleTemplate() {
        return titleTemplate;
    }

    public String getBodyTemplate() {
        return bodyTemplate;
    }

    public boolean isEnabled() {
        return enabled;
    }
}
