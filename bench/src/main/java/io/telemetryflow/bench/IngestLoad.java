package io.telemetryflow.bench;

import com.google.protobuf.Message;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.tenancy.TenantPlacement;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bounded load run against 127.0.0.1 for one signal, in one of two modes:
 * <ul>
 * <li>{@code e2e}: C clients POST pre-generated OTLP protobuf requests over keep-alive HTTP/1.1 to {@code /v1/<signal>}
 *     for D seconds (optionally paced to a total item rate), then ClickHouse is polled until every acknowledged item is
 *     queryable;</li>
 * <li>{@code direct}: C writers insert the same requests straight through {@link ClickHouseTelemetryWriter}, merged
 *     into large batches of about 10,000 items as ClickHouse recommends ({@code --direct-batch} requests per insert) —
 *     the ceiling of the ClickHouse insert path on this machine.</li>
 * </ul>
 * Every run uses its own {@code service.name}, so the ClickHouse counts are exact. Prints one {@code RESULT} line of
 * {@code key=value} pairs (read by bench/run.sh). Options: {@code --signal traces|logs|metrics --mode e2e|direct
 * --clients 4 --warmup 5 --duration 20 --rate 0 (items/s in total, 0 = as fast as acknowledged) --requests 32 (distinct requests, a second apart) --backdate-seconds 300 (how long before the run they are timestamped)
 * --drain-timeout 180 --tag label --otlp http://127.0.0.1:4318 --clickhouse http://127.0.0.1:8123 --database telemetryflow
 * --credentials ~/.telemetryflow/credentials.json [--key-id ID --key-secret SECRET]}.
 */
public final class IngestLoad {

    /** The tenant the direct-insert rows are written for: not the default tenant, so they never mix with real data. */
    private static final TenantPlacement BENCH_TENANT = new TenantPlacement(UUID.fromString("00000000-0000-0000-0000-0000000b0001"),
            UUID.fromString("00000000-0000-0000-0000-0000000b0002"), UUID.fromString("00000000-0000-0000-0000-0000000b0003"));

    private final Map<String, String> options;
    private final String signal;
    private final int clients;
    private final Duration duration;
    private final double rate;
    private final String clickHouse;
    private final String database;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private IngestLoad(Map<String, String> options) {
        this.options = options;
        this.signal = option("signal", "traces");
        this.clients = Integer.parseInt(option("clients", "4"));
        this.duration = Duration.ofSeconds(Math.min(Long.parseLong(option("duration", "20")), 600)); // bounded
        this.rate = Double.parseDouble(option("rate", "0"));
        this.clickHouse = requireLoopback(option("clickhouse", "http://127.0.0.1:8123"));
        this.database = option("database", "telemetryflow");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        new IngestLoad(options).run(option(options, "mode", "e2e"));
    }

    private void run(String mode) throws Exception {
        int itemsPerRequest = Payloads.itemsPerRequest(signal);
        String runId = "bench-" + signal + "-" + mode + "-" + Long.toString(System.currentTimeMillis(), 36)
                + "-" + UUID.randomUUID().toString().substring(0, 6);
        // the items' timestamps: the distinct requests are a second apart from this base, backdate-seconds before the run
        long baseNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.SECONDS.toNanos(Long.parseLong(option("backdate-seconds", "300")));
        int distinct = Integer.parseInt(option("requests", "32"));
        List<Message> messages = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            Message message = Payloads.request(signal, runId, i, baseNanos + TimeUnit.SECONDS.toNanos(i));
            messages.add(message);
            bodies.add(message.toByteArray());
        }
        long bodyBytes = bodies.stream().mapToLong(b -> b.length).sum() / distinct;

        boolean direct = mode.equals("direct");
        int directBatch = Integer.parseInt(option("direct-batch", String.valueOf(Math.max(1, 10_000 / itemsPerRequest))));
        Sender sender = direct ? directSender(merged(messages, directBatch)) : httpSender(bodies);
        if (direct) {
            itemsPerRequest *= directBatch;
        }
        // warm-up (JIT, connections): same sender, not measured; its rows count towards the expected total
        Stats warmup = drive(sender, itemsPerRequest, Duration.ofSeconds(Math.min(Long.parseLong(option("warmup", "5")), 60)));
        long warmupItems = warmup.items.get();
        Stats stats = drive(sender, itemsPerRequest, duration);
        long expected = warmupItems + stats.items.get();
        // wait for the rows: the acknowledged items of this run must all be queryable
        long drainStart = System.nanoTime();
        long drainLimit = TimeUnit.SECONDS.toNanos(Long.parseLong(option("drain-timeout", "180")));
        long stored = countRows(runId);
        while (stored < expected && System.nanoTime() - drainStart < drainLimit) {
            Thread.sleep(100);
            stored = countRows(runId);
        }
        stored -= warmupItems;
        long queryableAfter = System.nanoTime() - drainStart;
        if (sender instanceof AutoCloseable closeable) {
            closeable.close();
        }

        long[] latencies = stats.latencies();
        double sendSecs = stats.elapsedNanos / 1e9;
        // end to end: every row of the run (warm-up included) over the time from its first request until its last row
        // is queryable; the queue lets acknowledgements run ahead of storage, so this, not acked_per_s, is the sustained rate
        double totalSecs = (warmup.elapsedNanos + stats.elapsedNanos + queryableAfter) / 1e9;
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("signal", signal);
        result.put("mode", mode);
        result.put("run", runId);
        result.put("clients", clients);
        result.put("rate_target", (long) rate);
        result.put("items_per_request", itemsPerRequest);
        result.put("request_bytes", bodyBytes);
        result.put("seconds", fmt(sendSecs));
        result.put("requests_ok", stats.ok.get());
        result.put("http_429", stats.tooMany.get());
        result.put("http_503", stats.unavailable.get());
        result.put("errors", stats.errors.get());
        result.put("items_acked", stats.items.get());
        result.put("acked_per_s", Math.round(stats.items.get() / sendSecs));
        result.put("items_stored", stored);
        result.put("queryable_after_s", fmt(queryableAfter / 1e9));
        result.put("stored_per_s", Math.round((stored + warmupItems) / totalSecs));
        result.put("p50_ms", fmt(percentile(latencies, 0.50) / 1e6));
        result.put("p99_ms", fmt(percentile(latencies, 0.99) / 1e6));
        result.put("max_ms", fmt(percentile(latencies, 1.0) / 1e6));
        result.put("tag", option("tag", "-"));
        StringBuilder line = new StringBuilder("RESULT");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        if (stored < stats.items.get()) {
            System.err.println("WARNING: only " + stored + " of " + stats.items.get() + " acknowledged items queryable after the drain timeout");
        }
        if (stats.firstError != null) {
            System.err.println("first error: " + stats.firstError);
        }
    }

    // ---- the two ways of storing one request ----

    /** Sends request number {@code i}; answers the HTTP status (200 = acknowledged). */
    private interface Sender {
        int send(int i) throws Exception;
    }

    private Sender httpSender(List<byte[]> bodies) throws IOException {
        URI uri = URI.create(requireLoopback(option("otlp", "http://127.0.0.1:4318")) + "/v1/" + signal);
        String keyId = options.get("key-id");
        String keySecret = options.get("key-secret");
        if (keyId == null || keySecret == null) {
            String credentials = Files.readString(Path.of(option("credentials", System.getProperty("user.home") + "/.telemetryflow/credentials.json")));
            keyId = jsonField(credentials, "apiKeyId");
            keySecret = jsonField(credentials, "apiKeySecret");
        }
        String id = keyId;
        String secret = keySecret;
        return i -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-protobuf").header("X-API-Key-ID", id).header("X-API-Key-Secret", secret)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode();
        };
    }

    /** Each result holds {@code batch} consecutive requests (cyclically), their resources concatenated. */
    private static List<Message> merged(List<Message> messages, int batch) {
        List<Message> merged = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message.Builder builder = messages.get(i).toBuilder();
            for (int k = 1; k < batch; k++) {
                builder.mergeFrom(messages.get((i + k) % messages.size()));
            }
            merged.add(builder.build());
        }
        return merged;
    }

    private Sender directSender(List<Message> messages) {
        OtlpSignal otlpSignal = OtlpSignal.valueOf(signal.toUpperCase(Locale.ROOT));
        List<OtlpRequest> requests = messages.stream().map(m -> new OtlpRequest(otlpSignal, OtlpEncoding.PROTOBUF, m)).toList();
        String jdbcUrl = "jdbc:clickhouse:" + clickHouse.substring(clickHouse.indexOf(':') + 1);
        ExecutorService inserts = Executors.newCachedThreadPool();
        ClickHouseTelemetryWriter writer = new ClickHouseTelemetryWriter(new ClickHouseConnector(
                new ClickHouseSettings(jdbcUrl, option("clickhouse-user", "default"), option("clickhouse-password", ""), database, "")),
                inserts);
        class Direct implements Sender, AutoCloseable {
            @Override
            public int send(int i) throws Exception {
                writer.write(UUID.randomUUID().toString(), BENCH_TENANT, requests.get(i % requests.size()));
                return 200;
            }

            @Override
            public void close() {
                writer.close();
                inserts.shutdownNow();
            }
        }
        return new Direct();
    }

    // ---- the load: C client threads, each paced to rate/C items per second when a rate is given ----

    private static final class Stats {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong items = new AtomicLong();
        final AtomicLong tooMany = new AtomicLong();
        final AtomicLong unavailable = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final List<long[]> perClient = new ArrayList<>();
        final int[] counts;
        long elapsedNanos;
        volatile String firstError;

        Stats(int clients) {
            counts = new int[clients];
            for (int c = 0; c < clients; c++) {
                perClient.add(new long[1024]);
            }
        }

        synchronized void record(int client, long latencyNanos) {
            long[] array = perClient.get(client);
            if (counts[client] == array.length) {
                array = Arrays.copyOf(array, array.length * 2);
                perClient.set(client, array);
            }
            array[counts[client]++] = latencyNanos;
        }

        long[] latencies() {
            long[] all = new long[Arrays.stream(counts).sum()];
            int at = 0;
            for (int c = 0; c < counts.length; c++) {
                System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
                at += counts[c];
            }
            Arrays.sort(all);
            return all;
        }
    }

    private Stats drive(Sender sender, int itemsPerRequest, Duration duration) throws InterruptedException {
        Stats stats = new Stats(clients);
        // per client: one request every `interval` ns keeps the total at `rate` items/s
        long interval = rate > 0 ? (long) (1e9 * itemsPerRequest * clients / rate) : 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long next = start + (interval * client) / clients; // stagger the clients
                for (int n = 0; ; n++) {
                    long now = System.nanoTime();
                    if (interval > 0 && next > now) {
                        if (next >= end) {
                            break;
                        }
                        sleepNanos(next - now);
                    }
                    long sendAt = interval > 0 ? next : System.nanoTime(); // paced: latency counts from the intended send
                    if (System.nanoTime() >= end) {
                        break;
                    }
                    try {
                        int status = sender.send(client + n * clients);
                        long latency = System.nanoTime() - sendAt;
                        switch (status) {
                            case 200 -> {
                                stats.ok.incrementAndGet();
                                stats.items.addAndGet(itemsPerRequest);
                                stats.record(client, latency);
                            }
                            case 429 -> stats.tooMany.incrementAndGet();
                            case 503 -> stats.unavailable.incrementAndGet();
                            default -> {
                                stats.errors.incrementAndGet();
                                stats.firstError = stats.firstError == null ? "HTTP " + status : stats.firstError;
                            }
                        }
                        if (status == 429 || status == 503) {
                            sleepNanos(TimeUnit.MILLISECONDS.toNanos(50)); // back off a little, as an exporter would
                        }
                    } catch (Exception e) {
                        stats.errors.incrementAndGet();
                        stats.firstError = stats.firstError == null ? e.toString() : stats.firstError;
                    }
                    next += interval;
                }
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        stats.elapsedNanos = System.nanoTime() - start;
        return stats;
    }

    // ---- ClickHouse over HTTP ----

    private long countRows(String runId) throws IOException, InterruptedException {
        List<String> tables = switch (signal) {
            case "traces" -> List.of("otel_traces");
            case "logs" -> List.of("otel_logs");
            default -> List.of("otel_metrics_gauge", "otel_metrics_sum", "otel_metrics_histogram");
        };
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "" : " + ").append("(SELECT count() FROM ").append(database).append('.').append(tables.get(i))
                    .append(" WHERE service_name = '").append(runId).append("')");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(clickHouse + "/?query=" + URLEncoder.encode(sql.toString(), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(response.body().trim());
    }

    // ---- small helpers ----

    private String option(String name, String fallback) {
        return option(options, name, fallback);
    }

    private static String option(Map<String, String> options, String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** Load goes to this machine only. */
    static String requireLoopback(String url) {
        String host = URI.create(url).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("the benchmark only targets 127.0.0.1, not " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String jsonField(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find() || matcher.group(1).isEmpty()) {
            throw new IllegalArgumentException("no " + field + " in the credentials file; is the platform up?");
        }
        return matcher.group(1);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
