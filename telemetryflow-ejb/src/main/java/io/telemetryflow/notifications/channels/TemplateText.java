package io.telemetryflow.notifications.channels;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.SafeMustacheFactory;
import com.github.mustachejava.reflect.MapObjectHandler;
import io.telemetryflow.notifications.NotificationMessage;
import io.telemetryflow.platform.error.Rejected;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A channel's title and body: Mustache templates (mustache.java's {@link SafeMustacheFactory}: no partials, no
 * unescaped values, no delimiter changes, no calls beyond the model's maps), rendered over {@link #model} of the
 * message. Every value goes through the channel's {@link Escaping}, so that a label value cannot add markup (a
 * Slack {@code <!channel>}, Telegram HTML) to the text. JSON escaping is not done here: the payload builders put
 * the rendered text into JSON through a JSON library.
 */
public final class TemplateText {

    /** How a channel's text treats the values put into it. */
    public enum Escaping {
        /** plain text (email, webhook, PagerDuty, Opsgenie, Teams): values as they are */
        NONE,
        /** Slack mrkdwn: {@code & < >} are control characters and become entities */
        SLACK,
        /** Telegram's HTML parse mode: {@code & < > "} become entities */
        HTML,
        /** Discord markdown: formatting characters are backslash-escaped */
        MARKDOWN
    }

    public static final int MAX_TITLE = 1000;
    public static final int MAX_BODY = 8000;

    static final String DEFAULT_TITLE = "{{#test}}[TEST] {{/test}}[{{statusUpper}}{{#firing}}:{{alertCount}}{{/firing}}] "
            + "{{ruleName}} ({{severity}})";

    /** Section tags stand on lines of their own: Mustache then drops those lines whole (the spec's standalone tags). */
    static final String DEFAULT_BODY = """
            {{#summary}}
            {{summary}}
            {{/summary}}
            {{#description}}
            {{description}}
            {{/description}}

            Rule: {{ruleName}}
            Severity: {{severity}}
            Status: {{status}}
            {{#value}}
            Value: {{value}}
            {{/value}}
            {{#hasLabels}}
            Labels: {{labelsText}}
            {{/hasLabels}}
            {{#alerts}}
            - {{state}} {{labelsText}}{{#value}} value {{value}}{{/value}} since {{startsAt}}{{#endsAt}} until {{endsAt}}{{/endsAt}}
            {{/alerts}}
            {{#runbookUrl}}
            Runbook: {{runbookUrl}}
            {{/runbookUrl}}
            {{#consoleUrl}}
            Open in TelemetryFlow: {{consoleUrl}}
            {{/consoleUrl}}
            """;

    private final Mustache title;
    private final Mustache plainTitle;
    private final Mustache body;
    private final Escaping escaping;

    private TemplateText(Mustache title, Mustache plainTitle, Mustache body, Escaping escaping) {
        this.title = title;
        this.plainTitle = plainTitle;
        this.body = body;
        this.escaping = escaping;
    }

    /**
     * Compiles the channel's templates, its own where given and the defaults otherwise.
     *
     * @throws Rejected 400 naming {@code templates.title} or {@code templates.body} when one is too long or does not
     *                  compile
     */
    public static TemplateText compile(String titleTemplate, String bodyTemplate, Escaping escaping) {
        String titleText = titleTemplate == null ? DEFAULT_TITLE : titleTemplate;
        Mustache title = compile("templates.title", titleText, MAX_TITLE, escaping);
        Mustache plainTitle = compile("templates.title", titleText, MAX_TITLE, Escaping.NONE);
        Mustache body = compile("templates.body", bodyTemplate == null ? DEFAULT_BODY : bodyTemplate, MAX_BODY, escaping);
        return new TemplateText(title, plainTitle, body, escaping);
    }

    /** The title on one line, values escaped for the channel's formatted text. */
    public String title(Map<String, Object> model) {
        return oneLine(render(title, model));
    }

    /** The title on one line, values as they are: for fields a channel shows as plain text (subjects, headers). */
    public String plainTitle(Map<String, Object> model) {
        return oneLine(render(plainTitle, model));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    public String body(Map<String, Object> model) {
        return render(body, model).strip();
    }

    public Escaping escaping() {
        return escaping;
    }

    /**
     * What templates see: {@code status}, {@code statusUpper}, {@code firing}, {@code resolved}, {@code test},
     * {@code ruleName}, {@code ruleId}, {@code severity}, {@code severityUpper}, {@code groupKey}, {@code tenantId},
     * {@code consoleUrl}, {@code summary}, {@code description}, {@code runbookUrl}, {@code annotations} and
     * {@code labels} (lists of {@code name}/{@code value}), {@code labelsText}, {@code hasLabels}, {@code value} (of
     * the first alert), {@code alertCount}, and {@code alerts} (each {@code fingerprint}, {@code state},
     * {@code value}, {@code startsAt}, {@code endsAt}, {@code labels}, {@code labelsText}).
     */
    public static Map<String, Object> model(NotificationMessage message) {
        Map<String, Object> model = new HashMap<>();
        String status = message.status() == null ? NotificationMessage.FIRING : message.status();
        model.put("status", status);
        model.put("statusUpper", status.toUpperCase(Locale.ROOT));
        model.put("firing", !message.resolved());
        model.put("resolved", message.resolved());
        model.put("test", message.test());
        model.put("ruleName", message.ruleName());
        model.put("ruleId", message.ruleId() == null ? null : message.ruleId().toString());
        model.put("severity", message.severity() == null ? null : message.severity().wire());
        model.put("severityUpper", message.severity() == null ? null : message.severity().name());
        model.put("groupKey", message.groupKey());
        model.put("tenantId", message.tenantId());
        model.put("consoleUrl", message.consoleUrl());
        model.put("summary", message.annotations().get("summary"));
        model.put("description", message.annotations().get("description"));
        model.put("runbookUrl", message.annotations().get("runbookUrl"));
        model.put("annotations", pairs(message.annotations()));
        model.put("labels", pairs(message.commonLabels()));
        model.put("labelsText", labelsText(message.commonLabels()));
        model.put("hasLabels", !message.commonLabels().isEmpty());
        model.put("alertCount", message.alerts().size());
        model.put("value", message.alerts().isEmpty() ? null : number(message.alerts().get(0).value()));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (NotificationMessage.Alert alert : message.alerts()) {
            Map<String, Object> one = new HashMap<>();
            one.put("fingerprint", alert.fingerprint());
            one.put("state", alert.state());
            one.put("value", number(alert.value()));
            one.put("startsAt", time(alert.startsAt()));
            one.put("endsAt", time(alert.endsAt()));
            one.put("labels", pairs(alert.labels()));
            one.put("labelsText", labelsText(alert.labels()));
            alerts.add(one);
        }
        model.put("alerts", alerts);
        return model;
    }

    /** A measured value as people read it: up to 4 decimals, no exponent, no trailing zeros. */
    static String number(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        return new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    static String labelsText(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(labels).forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(value));
        return text.toString();
    }

    private static List<Map<String, String>> pairs(Map<String, String> map) {
        List<Map<String, String>> pairs = new ArrayList<>();
        new TreeMap<>(map).forEach((name, value) -> pairs.add(Map.of("name", name, "value", value == null ? "" : value)));
        return pairs;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Mustache compile(String field, String template, int max, Escaping escaping) {
        if (template.length() > max) {
            throw Rejected.invalid(field, field + " must have at most " + max + " characters");
        }
        try {
            return new Factory(escaping).compile(new StringReader(template), field);
        } catch (MustacheException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw Rejected.invalid(field, field + " is not a valid template: " + reason(e));
        }
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static String render(Mustache template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            template.execute(out, model).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String escape(String value, Escaping escaping) {
        switch (escaping) {
            case SLACK:
                return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            case HTML:
                return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            case MARKDOWN:
                return value.replaceAll("([\\\\*_~`|>\\[\\]()#-])", "\\\\$1");
            default:
                return value;
        }
    }

    /** No partials (every resource name is refused), values escaped for the channel. */
    private static final class Factory extends SafeMustacheFactory {

        private final Escaping escaping;

        Factory(Escaping escaping) {
            super(java.util.Set.of(), "");
            this.escaping = escaping;
            // map keys only: no method of a value (String.getBytes, Map.clear) is reachable from a template
            setObjectHandler(new MapObjectHandler());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(escape(value, escaping));
            } catch (IOException e) {
                throw new MustacheException("cannot write the rendered text", e);
            }
        }
    }
}
