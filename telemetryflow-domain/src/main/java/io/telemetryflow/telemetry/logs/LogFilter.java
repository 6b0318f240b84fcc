package io.telemetryflow.telemetry.logs;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TimeRange;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which log records a request reads: a time range, body terms, a minimum severity, services, trace and span id and
 * attribute filters, all ANDed. Validated here; turned into SQL conditions by {@link #applyTo}, whose values only
 * travel as query parameters.
 */
public record LogFilter(TimeRange range, BodySearch search, SeverityLevel severity, List<String> services, String traceId,
                        String spanId, List<AttributeFilter> attributes) {

    static final int MAX_SERVICES = 50;
    static final int MAX_SERVICE_LENGTH = 256;
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-fA-F]{16}");

    public LogFilter {
        services = List.copyOf(services);
        attributes = List.copyOf(attributes);
    }

    public static LogFilter parse(String from, String to, String query, String severity, List<String> services, String traceId,
                                  String spanId, List<LogRequests.Attribute> filters, Instant now, QueryLimits limits) {
        return new LogFilter(TimeRange.parse(from, to, now, limits), BodySearch.parse(query), SeverityLevel.parse("severity", severity),
                services(services), hexId("traceId", traceId, TRACE_ID, 32), hexId("spanId", spanId, SPAN_ID, 16), attributes(filters));
    }

    /** The same filter over another range (a page pinned by its cursor, or the times of a page's records). */
    public LogFilter within(TimeRange other) {
        return new LogFilter(other, search, severity, services, traceId, spanId, attributes);
    }

    /** Adds the range and every condition to {@code sql}. */
    void applyTo(TelemetrySql sql) {
        sql.during("timestamp", range);
        applyConditionsTo(sql);
    }

    /** Adds every condition but the range to {@code sql}. */
    void applyConditionsTo(TelemetrySql sql) {
        if (!services.isEmpty()) {
            sql.where("service_name IN (" + sql.list(services) + ")");
        }
        if (severity != null) {
            sql.where("severity_level IN (" + sql.list(severity.atOrAbove()) + ")");
        }
        if (traceId != null) {
            sql.where("trace_id = " + sql.bind("String", traceId));
        }
        if (spanId != null) {
            sql.where("span_id = " + sql.bind("String", spanId));
        }
        search.applyTo(sql);
        attributes.forEach(sql::attribute);
    }

    /**
     * A digest of what the filter selects, for {@code tenant}, with the range as the request gave it (so "now-1h"
     * names the same query on every page): a cursor carries it and is refused with any other query.
     */
    public byte[] fingerprint(UUID tenant, String requestedFrom, String requestedTo) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, tenant.toString());
            field(out, requestedFrom);
            field(out, requestedTo);
            out.writeInt(search.terms().size());
            for (BodySearch.Term term : search.terms()) {
                out.writeBoolean(term.token());
                field(out, term.text());
            }
            field(out, severity == null ? null : severity.name());
            out.writeInt(services.size());
            for (String service : services) {
                field(out, service);
            }
            field(out, traceId);
            field(out, spanId);
            out.writeInt(attributes.size());
            for (AttributeFilter filter : attributes) {
                field(out, filter.key());
                field(out, filter.operator().name());
                out.writeInt(filter.values().size());
                for (String value : filter.values()) {
                    field(out, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static List<String> services(List<String> services) {
        if (services.size() > MAX_SERVICES) {
            throw Rejected.invalid("service", "at most " + MAX_SERVICES + " services");
        }
        for (String service : services) {
            if (service == null || service.isEmpty() || service.length() > MAX_SERVICE_LENGTH) {
                throw Rejected.invalid("service", "a service name must be 1 to " + MAX_SERVICE_LENGTH + " characters");
            }
        }
        return services.stream().distinct().sorted().toList();
    }

    /** A lowercase hex id, or null when absent. */
    static String hexId(String field, String value, Pattern shape, int length) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.strip();
        if (!shape.matcher(id).matches()) {
            throw Rejected.invalid(field, field + " must be " + length + " hexadecimal characters");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    public static String traceId(String value) {
        return hexId("traceId", value, TRACE_ID, 32);
    }

    private static List<AttributeFilter> attributes(List<LogRequests.Attribute> filters) {
        if (filters == null) {
            return List.of();
        }
        if (filters.size() > AttributeFilter.MAX_FILTERS) {
            throw Rejected.invalid("filters", "at most " + AttributeFilter.MAX_FILTERS + " filters");
        }
        return filters.stream().map(filter -> {
            if (filter == null) {
                throw Rejected.invalid("filters", "a filter must be an object with key, op and value(s)");
            }
            return AttributeFilter.of(filter.key(), filter.op(), filter.value(), filter.values());
        }).toList();
    }
}
