package io.telemetryflow.notifications.channels;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.notifications.NotificationMessage;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.security.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The channels' side of the alerting contract: {@link #deliver} renders a stored channel's templates over a
 * notification and sends it once (the notification queue's consumer retries). Also where a channel's settings are
 * stored and opened again: plain settings as JSON, secrets as JSON sealed with {@link SecretBox}.
 */
@ApplicationScoped
public class NotificationChannels {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Inject
    ChannelSender sender;

    /**
     * Sends {@code message} through the channel, once, no retries inside. A channel that does not exist in
     * {@code tenantId}, was deleted or is switched off is a failure that is not retryable.
     */
    public DeliveryResult deliver(String tenantId, UUID channelId, NotificationMessage message) {
        Optional<NotificationChannel> channel = live(channelId).filter(c -> c.getTenantId().toString().equals(tenantId));
        if (channel.isEmpty()) {
            return DeliveryResult.permanent("notification channel " + channelId + " not found");
        }
        if (!channel.get().isEnabled()) {
            return DeliveryResult.permanent("notification channel " + channelId + " is disabled");
        }
        TemplateText templates;
        try {
            templates = TemplateText.compile(channel.get().getTitleTemplate(), channel.get().getBodyTemplate(), channel.get().getType().escaping());
        } catch (Rejected e) {
            return DeliveryResult.permanent(e.getMessage());
        }
        return sender.send(open(channel.get()), templates, message);
    }

    /** The channel unless it does not exist or was deleted. */
    Optional<NotificationChannel> live(UUID id) {
        return Optional.ofNullable(em.find(NotificationChannel.class, id)).filter(c -> !c.isDeleted());
    }

    /** The channel's configuration with its secrets opened. */
    ChannelConfig open(NotificationChannel channel) {
        Map<String, String> secrets = channel.getSecretsSealed() == null ? Map.of()
                : strings(new String(secretBox.decrypt(channel.getSecretsSealed()), StandardCharsets.UTF_8));
        return ChannelConfig.stored(channel.getType(), strings(channel.getSettings()), secrets);
    }

    static String settingsJson(ChannelConfig config) {
        return json(config.settings());
    }

    String sealSecrets(ChannelConfig config) {
        return config.secrets().isEmpty() ? null : secretBox.encrypt(json(config.secrets()).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, String> values) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        values.forEach(json::add);
        return json.build().toString();
    }

    private static Map<String, String> strings(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, String> values = new LinkedHashMap<>();
            object.forEach((name, value) -> values.put(name, ((JsonString) value).getString()));
            return values;
        }
    }
}
