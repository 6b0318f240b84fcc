package io.telemetryflow.notifications.channels;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** A channel as the API shows it: secrets in {@code config} masked, templates null where the defaults apply. */
public record ChannelView(UUID id, UUID tenantId, String name, String type, JsonObject config, Templates templates, boolean enabled,
                          Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public record Templates(String title, String body) {
    }

    static ChannelView of(NotificationChannel channel, JsonObject maskedConfig) {
        return new ChannelView(channel.getId(), channel.getTenantId(), channel.getName(), channel.getType().wire(), maskedConfig,
                new Templates(channel.getTitleTemplate(), channel.getBodyTemplate()), channel.isEnabled(),
                channel.getCreatedAt(), channel.getCreatedBy(), channel.getUpdatedAt(), channel.getUpdatedBy());
    }
}
