package io.telemetryflow.notifications.channels;

import io.telemetryflow.notifications.NotificationMessage;
import io.telemetryflow.platform.mail.Mailer;
import io.telemetryflow.platform.outbound.OutboundHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Renders a message through a channel's templates and sends it once: mail through {@link Mailer}, everything else
 * through the platform's one {@link OutboundHttp} client (address policy, allow-list, no redirects, timeouts). Used
 * by deliveries and by "send test" alike. Logs name the channel type and the error, never a URL or a secret.
 */
@ApplicationScoped
public class ChannelSender {

    private static final Logger LOG = Logger.getLogger(ChannelSender.class.getName());

    @Inject
    OutboundHttp http;

    @Inject
    Mailer mailer;

    private final Clock clock = Clock.systemUTC();

    DeliveryResult send(ChannelConfig config, TemplateText templates, NotificationMessage message) {
        Map<String, Object> model = TemplateText.model(message);
        ChannelPayloads.Rendered text = new ChannelPayloads.Rendered(templates.title(model), templates.plainTitle(model), templates.body(model));
        DeliveryResult result = config.type() == ChannelType.EMAIL ? mail(config, text) : post(config, message, text);
        if (!result.delivered()) {
            LOG.fine(() -> "A " + config.type().wire() + " notification was not delivered: " + result.error());
        }
        return result;
    }

    private DeliveryResult post(ChannelConfig config, NotificationMessage message, ChannelPayloads.Rendered text) {
        try {
            return DeliveryResult.of(http.send(ChannelPayloads.request(config, message, text, clock.instant())));
        } catch (IOException e) {
            return DeliveryResult.of(e);
        }
    }

    private DeliveryResult mail(ChannelConfig config, ChannelPayloads.Rendered text) {
        try {
            mailer.send(config.recipients(), ChannelPayloads.cut(text.plainTitle(), 200), text.body() + "\n");
            return DeliveryResult.ok(null);
        } catch (AddressException e) {
            return DeliveryResult.permanent("a recipient address is not valid: " + e.getMessage());
        } catch (MessagingException e) {
            return new DeliveryResult(false, true, null, "the mail server did not take the message: " + e.getMessage());
        }
    }
}
