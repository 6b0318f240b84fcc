package io.telemetryflow.notifications.channels;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.platform.error.Rejected;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A channel's validated settings, split into the plain ones and the secrets (webhook URLs, which carry their token,
 * routing keys, API keys, bot tokens, signing secrets). Secrets are stored sealed and shown as {@link #MASK}; an
 * update that sends the mask (or leaves a secret out) keeps the stored one.
 *
 * <table>
 *   <caption>settings per type (secrets marked *)</caption>
 *   <tr><td>email</td><td>to (1-20 addresses)</td></tr>
 *   <tr><td>slack, teams, discord</td><td>webhookUrl*</td></tr>
 *   <tr><td>webhook</td><td>url*, secret* (16-256 characters, the HMAC key of the signature)</td></tr>
 *   <tr><td>pagerduty</td><td>routingKey*, source, apiUrl (default the Events API v2 enqueue URL)</td></tr>
 *   <tr><td>opsgenie</td><td>apiKey*, region (us|eu), apiUrl (default by region)</td></tr>
 *   <tr><td>telegram</td><td>botToken*, chatId, apiUrl (default https://api.telegram.org)</td></tr>
 * </table>
 */
public final class ChannelConfig {

    public static final String MASK = "********";

    static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
    static final String OPSGENIE_US = "https://api.opsgenie.com";
    static final String OPSGENIE_EU = "https://api.eu.opsgenie.com";
    static final String TELEGRAM_URL = "https://api.telegram.org";

    private static final int MAX_URL = 2048;
    private static final int MAX_RECIPIENTS = 20;

    private final ChannelType type;
    private final Map<String, String> settings;
    private final Map<String, String> secrets;

    ChannelConfig(ChannelType type, Map<String, String> settings, Map<String, String> secrets) {
        this.type = type;
        this.settings = Map.copyOf(settings);
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * Validates {@code config} (the request's {@code config} object) for {@code type}. {@code stored} is the channel's
     * current configuration on an update (its secrets fill in masked or missing ones), null on create.
     */
    public static ChannelConfig parse(ChannelType type, JsonObject config, ChannelConfig stored) {
        JsonObject given = config == null ? JsonValue.EMPTY_JSON_OBJECT : config;
        Reader reader = new Reader(type, given, stored != null && stored.type == type ? stored : null);
        switch (type) {
            case EMAIL:
                reader.recipients("to");
                break;
            case SLACK:
            case TEAMS:
            case DISCORD:
                reader.secretUrl("webhookUrl");
                break;
            case WEBHOOK:
                reader.secretUrl("url");
                reader.secret("secret", 16, 256, "[\\x21-\\x7e]+", "printable ASCII without spaces");
                break;
            case PAGERDUTY:
                reader.secret("routingKey", 1, 128, "[A-Za-z0-9_-]+", "letters, digits, - and _");
                reader.text("source", false, 255);
                reader.url("apiUrl", false);
                break;
            case OPSGENIE:
                reader.secret("apiKey", 1, 128, "[A-Za-z0-9_-]+", "letters, digits, - and _");
                reader.choice("region", "us", "eu");
                reader.url("apiUrl", false);
                break;
            case TELEGRAM:
                reader.secret("botToken", 1, 128, "[0-9]{1,20}:[A-Za-z0-9_-]{1,100}", "<digits>:<token> as BotFather gives it");
                reader.pattern("chatId", "-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,64}", "a numeric chat id or @channelname");
                reader.url("apiUrl", false);
                break;
            default:
                throw new IllegalStateException("unhandled channel type " + type);
        }
        reader.noOthers();
        return new ChannelConfig(type, reader.settings, reader.secrets);
    }

    /** Reads what the store kept: plain settings and the opened secrets, as they were validated when saved. */
    static ChannelConfig stored(ChannelType type, Map<String, String> settings, Map<String, String> secrets) {
        return new ChannelConfig(type, settings, secrets);
    }

    public ChannelType type() {
        return type;
    }

    Map<String, String> settings() {
        return settings;
    }

    Map<String, String> secrets() {
        return secrets;
    }

    /** A plain setting, or a secret. */
    String get(String name) {
        return settings.containsKey(name) ? settings.get(name) : secrets.get(name);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(get(name));
    }

    List<String> recipients() {
        String to = settings.get("to");
        return to == null ? List.of() : List.of(to.split(","));
    }

    /** The configuration as the API shows it: secrets masked, recipients as a list. */
    public JsonObject masked() {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        new TreeMap<>(settings).forEach((name, value) -> {
            if (name.equals("to")) {
                json.add(name, JSON.createArrayBuilder(recipients()));
            } else {
                json.add(name, value);
            }
        });
        new TreeMap<>(secrets).keySet().forEach(name -> json.add(name, MASK));
        return json.build();
    }

    /** Reads one type's settings from the request, recording each into plain settings or secrets. */
    private static final class Reader {

        private final ChannelType type;
        private final JsonObject given;
        private final ChannelConfig stored;
        private final List<String> known = new ArrayList<>();
        final Map<String, String> settings = new LinkedHashMap<>();
        final Map<String, String> secrets = new LinkedHashMap<>();

        Reader(ChannelType type, JsonObject given, ChannelConfig stored) {
            this.type = type;
            this.given = given;
            this.stored = stored;
        }

        void recipients(String name) {
            known.add(name);
            JsonValue value = given.get(name);
            List<String> addresses = new ArrayList<>();
            if (value instanceof JsonArray) {
                for (JsonValue item : (JsonArray) value) {
                    if (!(item instanceof JsonString)) {
                        throw invalid(name, "must be a list of email addresses");
                    }
                    addresses.add(((JsonString) item).getString().strip());
                }
            } else if (value instanceof JsonString) {
                for (String part : ((JsonString) value).getString().split(",")) {
                    if (!part.isBlank()) {
                        addresses.add(part.strip());
                    }
                }
            } else if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                throw invalid(name, "must be a list of email addresses");
            }
            if (addresses.isEmpty() || addresses.size() > MAX_RECIPIENTS) {
                throw invalid(name, "must name 1 to " + MAX_RECIPIENTS + " email addresses");
            }
            for (String address : addresses) {
                if (address.length() > 254 || !address.matches("[^@\\s,<>\"]+@[^@\\s,<>\"]+\\.[^@\\s,<>\"]+")) {
                    throw invalid(name, "'" + shorten(address) + "' is not an email address");
                }
            }
            settings.put(name, String.join(",", addresses));
        }

        void secretUrl(String name) {
            String value = secretText(name, MAX_URL);
            checkUrl(name, value);
            secrets.put(name, value);
        }

        void secret(String name, int min, int max, String pattern, String shape) {
            String value = secretText(name, max);
            if (value.length() < min || !value.matches(pattern)) {
                throw invalid(name, "must have " + min + " to " + max + " characters: " + shape);
            }
            secrets.put(name, value);
        }

        void url(String name, boolean required) {
            text(name, required, MAX_URL);
            String value = settings.get(name);
            if (value != null) {
                checkUrl(name, value);
            }
        }

        void choice(String name, String... choices) {
            text(name, false, 20);
            String value = settings.get(name);
            if (value != null) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (!List.of(choices).contains(lower)) {
                    throw invalid(name, "must be one of " + String.join(", ", choices));
                }
                settings.put(name, lower);
            }
        }

        void pattern(String name, String pattern, String shape) {
            text(name, true, 200);
            if (!settings.get(name).matches(pattern)) {
                throw invalid(name, "must be " + shape);
            }
        }

        void text(String name, boolean required, int max) {
            known.add(name);
            Optional<String> value = string(name);
            if (value.isEmpty()) {
                if (required) {
                    throw invalid(name, "is required");
                }
                return;
            }
            if (value.get().length() > max) {
                throw invalid(name, "must have at most " + max + " characters");
            }
            settings.put(name, value.get());
        }

        void noOthers() {
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw invalid(name, "is not a setting of a " + type.wire() + " channel (settings: " + String.join(", ", known) + ")");
                }
            }
        }

        /** A secret from the request, or the stored one when the request masks it or leaves it out. */
        private String secretText(String name, int max) {
            known.add(name);
            Optional<String> value = string(name);
            if (value.isEmpty() || value.get().equals(MASK)) {
                String kept = stored == null ? null : stored.secrets.get(name);
                if (kept == null) {
                    throw invalid(name, "is required");
                }
                return kept;
            }
            if (value.get().length() > max) {
                throw invalid(name, "must have at most " + max + " characters");
            }
            return value.get();
        }

        private Optional<String> string(String name) {
            JsonValue value = given.get(name);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return Optional.empty();
            }
            if (!(value instanceof JsonString)) {
                throw invalid(name, "must be a string");
            }
            String text = ((JsonString) value).getString().strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        private void checkUrl(String name, String value) {
            try {
                URI uri = new URI(value);
                String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !scheme.equals("http")) {
                    throw invalid(name, "must be an http or https URL");
                }
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw invalid(name, "must be an http or https URL with a host");
                }
                if (uri.getRawUserInfo() != null) {
                    throw invalid(name, "must not carry credentials (user:password@)");
                }
            } catch (URISyntaxException e) {
                throw invalid(name, "must be an http or https URL");
            }
        }

        private static Rejected invalid(String name, String reason) {
            return Rejected.invalid("config." + name, "config." + name + " " + reason);
        }

        private static String shorten(String text) {
            return text.length() <= 80 ? text : text.substring(0, 80) + "…";
        }
    }
}
