package io.telemetryflow.telemetry.live;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the live tail sends: new data of one tenant on one channel. The same JSON travels on the cluster's topic and,
 * narrowed to a subscription's filter, to the socket (docs/telemetry-api.md, "Live tail").
 */
public sealed interface LiveEvent {

    UUID tenantId();

    LiveChannel channel();

    JsonObject toJson();

    /** The event narrowed to what the filter lets through; empty when nothing is left. */
    Optional<LiveEvent> select(LiveFilter filter);

    static LiveEvent fromJson(LiveChannel channel, JsonObject json) {
        UUID tenant = UUID.fromString(json.getString("tenantId"));
        return switch (channel) {
            case LOGS -> new Logs(tenant, json.getJsonArray("logs").getValuesAs(JsonObject.class).stream().map(Log::fromJson).toList(),
                    json.getJsonNumber("omitted").longValue());
            case METRICS -> new Metrics(tenant, json.getJsonNumber("timestamp").longValue(),
                    json.getJsonArray("services").getValuesAs(JsonObject.class).stream()
                            .map(s -> new ServiceCount(s.getString("service"), s.getJsonNumber("dataPoints").longValue())).toList());
            case TRACES -> new Traces(tenant, json.getJsonArray("traces").getValuesAs(JsonObject.class).stream().map(Span::fromJson).toList(),
                    json.getJsonNumber("omitted").longValue());
            case ALERTS -> new Alert(tenant, json);
        };
    }

    /** New log records; {@code omitted} counts records of the same stored batch left out by the per-batch bound. */
    record Logs(UUID tenantId, List<Log> logs, long omitted) implements LiveEvent {

        public Logs {
            logs = List.copyOf(logs);
        }

        @Override
        public LiveChannel channel() {
            return LiveChannel.LOGS;
        }

        @Override
        public JsonObject toJson() {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            logs.forEach(log -> array.add(log.toJson()));
            return head(this).add("count", logs.size()).add("omitted", omitted).add("logs", array).build();
        }

        @Override
        public Optional<LiveEvent> select(LiveFilter filter) {
            List<Log> kept = logs.stream().filter(filter::matches).toList();
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept.size() == logs.size() ? this : new Logs(tenantId, kept, omitted));
        }
    }

    /** One log record; {@code body} is cut to the live tail's body limit, attribute values to theirs. */
    record Log(String timestampUnixNano, String severityLevel, String severityText, String body, String serviceName,
               String traceId, String spanId, Map<String, String> attributes) {

        public Log {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        JsonObject toJson() {
            JsonObjectBuilder attributesJson = JSON.createObjectBuilder();
            attributes.forEach(attributesJson::add);
            return JSON.createObjectBuilder().add("timestampUnixNano", timestampUnixNano).add("severityLevel", severityLevel)
                    .add("severityText", severityText).add("body", body).add("serviceName", serviceName).add("traceId", traceId)
                    .add("spanId", spanId).add("attributes", attributesJson).build();
        }

        static Log fromJson(JsonObject json) {
            Map<String, String> attributes = new LinkedHashMap<>();
            json.getJsonObject("attributes").forEach((key, value) -> attributes.put(key, ((JsonString) value).getString()));
            return new Log(json.getString("timestampUnixNano"), json.getString("severityLevel"), json.getString("severityText"),
                    json.getString("body"), json.getString("serviceName"), json.getString("traceId"), json.getString("spanId"), attributes);
        }
    }

    /** Data points stored per service in one batch; {@code timestamp} is when they were stored (epoch ms). */
    record Metrics(UUID tenantId, long timestamp, List<ServiceCount> services) implements LiveEvent {

        public Metrics {
            services = List.copyOf(services);
        }

        @Override
        public LiveChannel channel() {
            return LiveChannel.METRICS;
        }

        @Override
        public JsonObject toJson() {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            services.forEach(s -> array.add(JSON.createObjectBuilder().add("service", s.service()).add("dataPoints", s.dataPoints())));
            return head(this).add("timestamp", timestamp).add("count", services.stream().mapToLong(ServiceCount::dataPoints).sum())
                    .add("services", array).build();
        }

        @Override
        public Optional<LiveEvent> select(LiveFilter filter) {
            List<ServiceCount> kept = services.stream().filter(s -> filter.matchesService(s.service())).toList();
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Metrics(tenantId, timestamp, kept));
        }
    }

    record ServiceCount(String service, long dataPoints) {
    }

    /** New root and entry spans (see {@link LiveEvents}); {@code omitted} as for logs. */
    record Traces(UUID tenantId, List<Span> traces, long omitted) implements LiveEvent {

        public Traces {
            traces = List.copyOf(traces);
        }

        @Override
        public LiveChannel channel() {
            return LiveChannel.TRACES;
        }

        @Override
        public JsonObject toJson() {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            traces.forEach(span -> array.add(span.toJson()));
            return head(this).add("count", traces.size()).add("omitted", omitted).add("traces", array).build();
        }

        @Override
        public Optional<LiveEvent> select(LiveFilter filter) {
            List<Span> kept = traces.stream().filter(span -> filter.matchesService(span.service())).toList();
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept.size() == traces.size() ? this : new Traces(tenantId, kept, omitted));
        }
    }

    record Span(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
                String startTimeUnixNano, long durationNanos, String statusCode) {

        JsonObject toJson() {
            return JSON.createObjectBuilder().add("traceId", traceId).add("spanId", spanId).add("parentSpanId", parentSpanId)
                    .add("service", service).add("name", name).add("kind", kind).add("startTimeUnixNano", startTimeUnixNano)
                    .add("durationNanos", durationNanos).add("statusCode", statusCode).build();
        }

        static Span fromJson(JsonObject json) {
            return new Span(json.getString("traceId"), json.getString("spanId"), json.getString("parentSpanId"), json.getString("service"),
                    json.getString("name"), json.getString("kind"), json.getString("startTimeUnixNano"),
                    json.getJsonNumber("durationNanos").longValue(), json.getString("statusCode"));
        }
    }

    /**
     * An alert instance that started firing or resolved: {@code type} is {@code alert:firing} or {@code alert:resolved},
     * with the rule, the instance's fingerprint, labels, value, reason and time (built by {@link LivePublisher}).
     */
    record Alert(UUID tenantId, JsonObject json) implements LiveEvent {

        @Override
        public LiveChannel channel() {
            return LiveChannel.ALERTS;
        }

        @Override
        public JsonObject toJson() {
            return json;
        }

        @Override
        public Optional<LiveEvent> select(LiveFilter filter) {
            return Optional.of(this);
        }
    }

    private static JsonObjectBuilder head(LiveEvent event) {
        return JSON.createObjectBuilder().add("type", event.channel().wireName()).add("tenantId", event.tenantId().toString());
    }
}
