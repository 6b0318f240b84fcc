package io.telemetryflow.notifications.channels;

import io.telemetryflow.platform.error.Rejected;
import java.util.Locale;

/** The kinds of notification channel; on the wire in lower case. */
public enum ChannelType {
    EMAIL, SLACK, TEAMS, PAGERDUTY, OPSGENIE, TELEGRAM, DISCORD, WEBHOOK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelType parse(String field, String text) {
        if (text != null) {
            for (ChannelType type : values()) {
                if (type.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
        }
        throw Rejected.invalid(field, field + " must be one of email, slack, teams, pagerduty, opsgenie, telegram, discord, webhook");
    }

    /** How values are escaped when a template puts them into this channel's text. */
    TemplateText.Escaping escaping() {
        switch (this) {
            case SLACK:
                return TemplateText.Escaping.SLACK;
            case TELEGRAM:
                return TemplateText.Escaping.HTML;
            case DISCORD:
                return TemplateText.Escaping.MARKDOWN;
            default:
                return TemplateText.Escaping.NONE;
        }
    }
}
