package io.telemetryflow.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * OTLP export requests shaped like an SDK's batches: one resource (a service instance with the usual semantic-convention
 * attributes), one instrumentation scope, and hundreds of items with realistic attribute sets. Every request of a run
 * carries the run's {@code service.name}, so the rows of a run can be counted exactly in ClickHouse.
 */
final class Payloads {

    static final int SPANS_PER_REQUEST = 200;
    static final int LOGS_PER_REQUEST = 500;
    static final int POINTS_PER_REQUEST = 1000;

    private static final String[] ROUTES = {"/api/orders/{id}", "/api/orders", "/api/cart", "/api/checkout", "/api/users/{id}",
            "/api/catalog/search", "/api/payments/{id}/capture", "/health"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] TABLES = {"orders", "order_items", "customers", "inventory", "payments"};
    private static final String[] LOGGERS = {"com.shop.orders.OrderService", "com.shop.cart.CartController", "com.shop.payments.PaymentClient",
            "org.hibernate.SQL", "io.netty.channel.DefaultChannelPipeline", "com.shop.catalog.SearchIndex"};
    private static final String[] MESSAGES = {
            "Order %d created for customer %d with %d items, total %d.%02d EUR",
            "Cache miss for product %d, loading from database took %d ms (attempt %d, shard %d, %d.%02d%% hit rate)",
            "Payment authorization %d declined by provider: insufficient funds (customer %d, retry %d of %d, code %d.%02d)",
            "Slow query detected: SELECT * FROM orders WHERE customer_id = %d took %d ms, rows=%d, plan=%d, cost=%d.%02d",
            "Request completed: status=200 route=/api/cart user=%d duration=%dms bytes=%d upstream=%d.%d.%d"};

    private Payloads() {
    }

    /** The items (spans, log records or data points) of a request, as the ingestion counts them. */
    static int itemsPerRequest(String signal) {
        return switch (signal) {
            case "traces" -> SPANS_PER_REQUEST;
            case "logs" -> LOGS_PER_REQUEST;
            case "metrics" -> POINTS_PER_REQUEST;
            default -> throw new IllegalArgumentException("signal must be traces, logs or metrics: " + signal);
        };
    }

    static Message request(String signal, String serviceName, int index, long baseNanos) {
        SplittableRandom random = new SplittableRandom(index * 7919L + 17);
        Resource resource = resource(serviceName, index);
        return switch (signal) {
            case "traces" -> traces(resource, random, baseNanos);
            case "logs" -> logs(resource, random, baseNanos);
            case "metrics" -> metrics(resource, random, baseNanos);
            default -> throw new IllegalArgumentException(signal);
        };
    }

    private static Resource resource(String serviceName, int index) {
        String instance = "checkout-7d9f8b6c5-" + Integer.toString(36 * 36 * 36 + index % 12, 36);
        return Resource.newBuilder().addAllAttributes(List.of(
                str("service.name", serviceName), str("service.version", "2.14." + (index % 3)),
                str("service.namespace", "shop"), str("service.instance.id", instance + "-" + index % 12),
                str("deployment.environment.name", "production"), str("host.name", "node-" + index % 4 + ".eu-west-1.compute.internal"),
                str("host.arch", "amd64"), str("os.type", "linux"), integer("process.pid", 4000 + index % 12),
                str("process.runtime.name", "OpenJDK Runtime Environment"), str("process.runtime.version", "17.0.15+6"),
                str("k8s.namespace.name", "shop"), str("k8s.pod.name", instance), str("telemetry.sdk.name", "opentelemetry"),
                str("telemetry.sdk.language", "java"), str("telemetry.sdk.version", "1.60.1"))).build();
    }

    private static InstrumentationScope scope(String name) {
        return InstrumentationScope.newBuilder().setName(name).setVersion("2.20.0-alpha").build();
    }

    // ---- traces: traces of 10 spans (a server span, internal spans, database and HTTP client calls) ----

    private static ExportTraceServiceRequest traces(Resource resource, SplittableRandom random, long baseNanos) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(scope("io.opentelemetry.tomcat-10.0"));
        long start = baseNanos;
        for (int t = 0; t < SPANS_PER_REQUEST / 10; t++) {
            ByteString traceId = bytes(random, 16);
            ByteString rootId = bytes(random, 8);
            String route = ROUTES[random.nextInt(ROUTES.length)];
            String method = METHODS[random.nextInt(METHODS.length)];
            boolean error = random.nextInt(20) == 0;
            long rootDuration = TimeUnit.MILLISECONDS.toNanos(5 + random.nextInt(400));
            start += TimeUnit.MILLISECONDS.toNanos(random.nextInt(50));
            scope.addSpans(span(traceId, rootId, ByteString.EMPTY, method + " " + route, Span.SpanKind.SPAN_KIND_SERVER, start, rootDuration, error)
                    .addAllAttributes(List.of(str("http.request.method", method), str("http.route", route),
                            str("url.path", route.replace("{id}", Integer.toString(random.nextInt(100_000)))), str("url.scheme", "https"),
                            integer("http.response.status_code", error ? 500 : 200), str("server.address", "shop.example.com"),
                            integer("server.port", 443), str("client.address", "10.2." + random.nextInt(256) + "." + random.nextInt(256)),
                            str("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0"),
                            str("network.protocol.version", "1.1")))
                    .build());
            for (int s = 1; s < 10; s++) {
                long childStart = start + rootDuration * s / 12;
                long childDuration = rootDuration / 12;
                Span.Builder child;
                if (s % 3 == 0) {
                    String table = TABLES[random.nextInt(TABLES.length)];
                    child = span(traceId, bytes(random, 8), rootId, "SELECT shop." + table, Span.SpanKind.SPAN_KIND_CLIENT, childStart, childDuration, false)
                            .addAllAttributes(List.of(str("db.system.name", "postgresql"), str("db.namespace", "shop"),
                                    str("db.operation.name", "SELECT"), str("db.collection.name", table),
                                    str("db.query.text", "SELECT id, status, total FROM " + table + " WHERE customer_id = ? AND created_at > ?"),
                                    str("server.address", "pg-primary.shop.svc"), integer("server.port", 5432),
                                    str("thread.name", "http-nio-8080-exec-" + random.nextInt(200)), integer("thread.id", 40 + random.nextInt(200)),
                                    str("code.function.name", "com.shop.orders.OrderRepository.findByCustomer")));
                } else if (s % 3 == 1) {
                    child = span(traceId, bytes(random, 8), rootId, "POST", Span.SpanKind.SPAN_KIND_CLIENT, childStart, childDuration, error && s == 1)
                            .addAllAttributes(List.of(str("http.request.method", "POST"), str("url.full", "http://payments.shop.svc:8080/v1/authorize"),
                                    str("server.address", "payments.shop.svc"), integer("server.port", 8080),
                                    integer("http.response.status_code", error && s == 1 ? 503 : 200), str("network.protocol.version", "1.1"),
                                    integer("http.request.body.size", 200 + random.nextInt(2000)), integer("http.response.body.size", 100 + random.nextInt(900)),
                                    str("thread.name", "http-nio-8080-exec-" + random.nextInt(200)), str("peer.service", "payments")));
                } else {
                    child = span(traceId, bytes(random, 8), rootId, "OrderService.placeOrder", Span.SpanKind.SPAN_KIND_INTERNAL, childStart, childDuration, false)
                            .addAllAttributes(List.of(str("code.function.name", "com.shop.orders.OrderService.placeOrder"),
                                    str("code.file.path", "OrderService.java"), integer("code.line.number", 80 + random.nextInt(300)),
                                    str("thread.name", "http-nio-8080-exec-" + random.nextInt(200)), integer("order.items", 1 + random.nextInt(12)),
                                    dbl("order.total", random.nextInt(100_000) / 100.0), str("customer.tier", random.nextBoolean() ? "gold" : "standard"),
                                    bool("order.express", random.nextInt(5) == 0), str("feature_flag.key", "new-checkout"),
                                    str("feature_flag.variant", random.nextBoolean() ? "on" : "off")));
                }
                if (random.nextInt(10) == 0) { // occasionally an event: a retry or an exception with a stack trace
                    child.addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(childStart + childDuration / 2)
                            .addAllAttributes(List.of(str("exception.type", "java.net.SocketTimeoutException"),
                                    str("exception.message", "Read timed out after 2000 ms"),
                                    str("exception.stacktrace", "java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n\tat com.shop.payments.PaymentClient.authorize(PaymentClient.java:118)\n\tat com.shop.orders.OrderService.placeOrder(OrderService.java:201)"))));
                }
                scope.addSpans(child.build());
            }
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build();
    }

    private static Span.Builder span(ByteString traceId, ByteString spanId, ByteString parent, String name, Span.SpanKind kind,
                                     long start, long duration, boolean error) {
        return Span.newBuilder().setTraceId(traceId).setSpanId(spanId).setParentSpanId(parent).setName(name).setKind(kind)
                .setStartTimeUnixNano(start).setEndTimeUnixNano(start + duration).setFlags(0x101)
                .setStatus(error ? Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream unavailable").build()
                        : Status.getDefaultInstance());
    }

    // ---- logs: application log lines, half of them inside a trace ----

    private static ExportLogsServiceRequest logs(Resource resource, SplittableRandom random, long baseNanos) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(scope("io.opentelemetry.logback-appender-1.0"));
        for (int i = 0; i < LOGS_PER_REQUEST; i++) {
            long time = baseNanos + i * 1_000_000L + random.nextInt(1_000_000);
            int severity = random.nextInt(100);
            SeverityNumber number = severity < 70 ? SeverityNumber.SEVERITY_NUMBER_INFO : severity < 85 ? SeverityNumber.SEVERITY_NUMBER_DEBUG
                    : severity < 97 ? SeverityNumber.SEVERITY_NUMBER_WARN : SeverityNumber.SEVERITY_NUMBER_ERROR;
            String body = String.format(MESSAGES[random.nextInt(MESSAGES.length)], random.nextInt(1_000_000), random.nextInt(100_000),
                    random.nextInt(50), random.nextInt(10), random.nextInt(1000), random.nextInt(100));
            LogRecord.Builder log = LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(time + 200_000)
                    .setSeverityNumber(number).setSeverityText(number.name().substring("SEVERITY_NUMBER_".length()))
                    .setBody(AnyValue.newBuilder().setStringValue(body))
                    .addAllAttributes(List.of(str("log.logger", LOGGERS[random.nextInt(LOGGERS.length)]),
                            str("thread.name", "http-nio-8080-exec-" + random.nextInt(200)), integer("thread.id", 40 + random.nextInt(200)),
                            str("code.function.name", "handle"), integer("code.line.number", random.nextInt(900))));
            if (random.nextBoolean()) {
                log.setTraceId(bytes(random, 16)).setSpanId(bytes(random, 8)).setFlags(1);
            }
            scope.addLogRecords(log);
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope)).build();
    }

    // ---- metrics: 40 % gauge, 40 % cumulative sum, 20 % histogram points, 25 attribute sets per metric ----

    private static ExportMetricsServiceRequest metrics(Resource resource, SplittableRandom random, long baseNanos) {
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(scope("io.opentelemetry.runtime-telemetry-java17"));
        long start = baseNanos - TimeUnit.HOURS.toNanos(1);
        int metricCount = POINTS_PER_REQUEST / 25;
        for (int m = 0; m < metricCount; m++) {
            Metric.Builder metric = Metric.newBuilder();
            if (m % 5 < 2) {
                Gauge.Builder gauge = Gauge.newBuilder();
                for (int p = 0; p < 25; p++) {
                    gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(baseNanos).setAsDouble(random.nextDouble() * 100)
                            .addAllAttributes(List.of(str("cpu.mode", p % 2 == 0 ? "user" : "system"), integer("cpu.logical_number", p),
                                    str("host.name", "node-" + p % 4))));
                }
                metric.setName("system.cpu.utilization.m" + m).setUnit("1").setDescription("CPU utilization per logical CPU").setGauge(gauge);
            } else if (m % 5 < 4) {
                Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                for (int p = 0; p < 25; p++) {
                    sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(baseNanos)
                            .setAsInt(random.nextInt(10_000_000)).addAllAttributes(httpAttributes(p)));
                }
                metric.setName("http.server.request.count.m" + m).setUnit("{request}").setDescription("Requests served").setSum(sum);
            } else {
                Histogram.Builder histogram = Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
                List<Double> bounds = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
                for (int p = 0; p < 25; p++) {
                    HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(baseNanos)
                            .addAllExplicitBounds(bounds).addAllAttributes(httpAttributes(p));
                    long count = 0;
                    for (int b = 0; b <= bounds.size(); b++) {
                        long inBucket = random.nextInt(1000);
                        point.addBucketCounts(inBucket);
                        count += inBucket;
                    }
                    point.setCount(count).setSum(count * 0.12).setMin(0.001).setMax(9.2);
                    histogram.addDataPoints(point);
                }
                metric.setName("http.server.request.duration.m" + m).setUnit("s").setDescription("Duration of HTTP server requests").setHistogram(histogram);
            }
            scope.addMetrics(metric);
        }
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope)).build();
    }

    private static List<KeyValue> httpAttributes(int p) {
        return List.of(str("http.request.method", METHODS[p % METHODS.length]), str("http.route", ROUTES[p % ROUTES.length]),
                integer("http.response.status_code", p % 7 == 0 ? 500 : 200), str("url.scheme", "https"),
                str("network.protocol.version", "1.1"));
    }

    // ---- attribute helpers ----

    private static KeyValue str(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static KeyValue dbl(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }

    private static KeyValue bool(String key, boolean value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
    }

    private static ByteString bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        bytes[0] |= 1; // never all zeros (an invalid id)
        return ByteString.copyFrom(bytes);
    }
}
