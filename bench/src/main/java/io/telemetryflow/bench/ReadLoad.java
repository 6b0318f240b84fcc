package io.telemetryflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-side benchmark driver (docs/benchmarks.md, "Telemetry queries"): for each query kind, sequentially, a few
 * unmeasured warm-up requests, then {@code --requests} uncached requests (every one a different time range, or a
 * different trace id, so the cache cannot answer; the {@code X-Cache} header must say {@code MISS}) and
 * {@code --cached-requests} cached ones (one request repeated after a first and {@code --cached-warmup} more unmeasured
 * ones; the header must say {@code HIT}). A hit takes about a millisecond, so the hit path gets counts of its own: the
 * driver's HTTP client runs interpreted for its first few hundred requests (with 20 warm-ups the driver alone added
 * 4-8 ms to a hit's p95 here), and a p95 of 50 samples is their third largest.
 * Prints p50/p95/p99/max per kind and path, the non-200 answers and the wrong or missing {@code X-Cache} headers, one
 * {@code RESULT} line per kind and path, and exits 1 if any request failed or an endpoint is missing.
 * <p>
 * Time ranges are {@code --range-minutes} long, at a random offset (to the millisecond) inside the data set of
 * bench/load-read-data.sh, whose extent and trace ids it reads from ClickHouse. Only talks to 127.0.0.1. Options:
 * {@code --tenant-id UUID} (required: the tenant the data was loaded for) {@code --requests 50 --warmup 5
 * --cached-requests 500 --cached-warmup 500 --kinds metrics,logs,traces,trace,service-map --range-minutes 60
 * --service checkout-service --metric system.cpu.utilization --group-by cpu.mode --step 60s --log-term subscription --severity WARN --min-duration 100ms
 * --max-seconds 900 --api http://127.0.0.1:8080/api/v2 --clickhouse http://127.0.0.1:8123 --database telemetryflow
 * --credentials ~/.telemetryflow/credentials.json [--email E --password P]}.
 */
public final class ReadLoad {

    // metrics-by: the metric over every service, one series per value of --group-by (issue #19's worst query)
    private static final List<String> KINDS = List.of("metrics", "metrics-by", "logs", "traces", "trace", "service-map");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> options;
    private final String api;
    private final String clickHouse;
    private final String database;
    private final String tenantId;
    private final int requests;
    private final int warmup;
    private final int cachedRequests;
    private final int cachedWarmup;
    private final long rangeMillis;
    private final long deadline;
    private final Random random = new Random();
    private final Set<Long> usedStarts = new HashSet<>();
    private String bearer;
    private long dataFrom;
    private long dataTo;

    private ReadLoad(Map<String, String> options) {
        this.options = options;
        this.api = requireLoopback(option("api", "http://127.0.0.1:8080/api/v2"));
        this.clickHouse = requireLoopback(option("clickhouse", "http://127.0.0.1:8123"));
        this.database = option("database", "telemetryflow");
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad --database " + database);
        }
        String tenant = options.get("tenant-id");
        if (tenant == null || !tenant.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("--tenant-id <uuid> is required (bench/read-bench.sh reads it from PostgreSQL)");
        }
        this.tenantId = tenant;
        this.requests = bounded("requests", 50, 1, 1000);
        this.warmup = bounded("warmup", 5, 0, 100);
        this.cachedRequests = bounded("cached-requests", 500, 1, 5000);
        this.cachedWarmup = bounded("cached-warmup", 500, 0, 5000);
        this.rangeMillis = Duration.ofMinutes(bounded("range-minutes", 60, 1, 24 * 60)).toMillis();
        this.deadline = System.nanoTime() + Duration.ofSeconds(bounded("max-seconds", 900, 10, 3600)).toNanos();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        System.exit(new ReadLoad(options).run() ? 0 : 1);
    }

    /** True when every request answered 200 with the expected X-Cache header. */
    private boolean run() throws Exception {
        List<String> kinds = Arrays.stream(option("kinds", String.join(",", KINDS)).split(",")).map(String::trim).toList();
        for (String kind : kinds) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown kind " + kind + "; kinds are " + KINDS);
            }
        }
        readDataExtent();
        login();
        List<String> traceIds = kinds.contains("trace") ? traceIds(warmup + requests + 2) : List.of();
        System.out.printf("data set %s .. %s, %d-minute ranges, per kind %d warm-up + %d uncached, %d warm-up + %d cached requests%n",
                Instant.ofEpochMilli(dataFrom), Instant.ofEpochMilli(dataTo), rangeMillis / 60_000, warmup, requests, cachedWarmup,
                cachedRequests);

        List<Row> rows = new ArrayList<>();
        for (String kind : kinds) {
            rows.addAll(measure(kind, traceIds));
        }
        print(rows);
        return rows.stream().allMatch(Row::clean);
    }

    // ---- one kind: warm-up, uncached, cached ----

    private List<Row> measure(String kind, List<String> traceIds) throws Exception {
        int[] nextTrace = {0};
        // every call makes a request nobody asked before: a fresh range or the next trace id
        java.util.function.Supplier<Call> fresh = () -> kind.equals("trace")
                ? traceRequest(traceIds.get(nextTrace[0]++)) : request(kind, freshStart());
        System.out.println(kind + ": " + fresh.get());
        Row uncached = new Row(kind, "uncached");
        Row cached = new Row(kind, "cached");
        for (int i = 0; i < warmup; i++) {
            Answer answer = send(fresh.get());
            if (answer.status == 404 || answer.status == 405) {
                uncached.missing = answer.status; // the endpoint does not exist (yet): nothing to measure
                cached.missing = answer.status;
                uncached.firstProblem = answer.describe();
                return List.of(uncached, cached);
            }
            if (answer.status != 200) {
                uncached.note(answer, "warm-up: HTTP " + answer.status);
            }
        }
        for (int i = 0; i < requests && beforeDeadline(); i++) {
            uncached.record(send(fresh.get()), "MISS");
        }
        Call repeated = fresh.get();
        Answer first = send(repeated); // fills the cache; not measured
        if (first.status != 200) {
            cached.note(first, "first of the repeated requests: HTTP " + first.status);
        }
        for (int i = 0; i < cachedWarmup; i++) {
            send(repeated);
        }
        for (int i = 0; i < cachedRequests && beforeDeadline(); i++) {
            cached.record(send(repeated), "HIT");
        }
        return List.of(uncached, cached);
    }

    private boolean beforeDeadline() {
        if (System.nanoTime() < deadline) {
            return true;
        }
        System.err.println("--max-seconds reached: stopping early");
        return false;
    }

    /** A range start nobody used in this run, at a random millisecond, the whole range inside the data set. */
    private long freshStart() {
        long span = dataTo - dataFrom - rangeMillis;
        if (span <= 0) {
            throw new IllegalStateException("the data set is shorter than --range-minutes");
        }
        long start;
        do {
            start = dataFrom + (long) (random.nextDouble() * span);
        } while (!usedStarts.add(start));
        return start;
    }

    /** One API request; its text is what the driver prints as the example of a kind. */
    private record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    private Call request(String kind, long from) {
        String start = Instant.ofEpochMilli(from).toString();
        String end = Instant.ofEpochMilli(from + rangeMillis).toString();
        return switch (kind) {
            case "metrics" -> post("/telemetry/metrics/query", "{\"metric\":" + json(option("metric", "system.cpu.utilization"))
                    + ",\"from\":" + json(start) + ",\"to\":" + json(end) + ",\"step\":" + step()
                    + ",\"aggregation\":\"avg\",\"service\":" + json(option("service", "checkout-service")) + tenantField() + "}");
            case "metrics-by" -> post("/telemetry/metrics/query", "{\"metric\":" + json(option("metric", "system.cpu.utilization"))
                    + ",\"from\":" + json(start) + ",\"to\":" + json(end) + ",\"step\":" + step()
                    + ",\"aggregation\":\"avg\",\"groupBy\":[" + json(option("group-by", "cpu.mode")) + "]" + tenantField() + "}");
            case "logs" -> post("/telemetry/logs/search", "{\"from\":" + json(start) + ",\"to\":" + json(end)
                    + ",\"query\":" + json(option("log-term", "subscription")) + ",\"severity\":" + json(option("severity", "WARN"))
                    + ",\"limit\":100" + tenantField() + "}");
            case "traces" -> post("/telemetry/traces/search", "{\"from\":" + json(start) + ",\"to\":" + json(end)
                    + ",\"service\":" + json(option("service", "checkout-service")) + ",\"minDuration\":" + json(option("min-duration", "100ms"))
                    + ",\"limit\":50" + tenantField() + "}");
            case "service-map" -> get("/telemetry/traces/service-map?from=" + query(start) + "&to=" + query(end) + "&tenantId=" + query(tenantId));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Call traceRequest(String traceId) {
        return get("/telemetry/traces/" + traceId + "?tenantId=" + query(tenantId));
    }

    /** {@code --step}: a number is sent as a JSON number (seconds), anything else as a string ("60s"). */
    private String step() {
        String step = option("step", "60s");
        return step.matches("\\d+") ? step : json(step);
    }

    private String tenantField() {
        return ",\"tenantId\":" + json(tenantId);
    }

    // ---- HTTP ----

    private record Answer(int status, String cache, long nanos, int bytes, String body, URI uri) {
        String describe() {
            String text = body == null ? "" : body.replaceAll("\\s+", " ");
            return "HTTP " + status + " from " + uri.getPath() + ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }

    private static Call post(String path, String json) {
        return new Call("POST", path, json);
    }

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private Answer send(Call call) throws IOException {
        Answer answer = sendOnce(call, bearer);
        if (answer.status == 401) { // the access token expired: sign in again, once
            login();
            answer = sendOnce(call, bearer);
        }
        return answer;
    }

    private Answer sendOnce(Call call, String token) throws IOException {
        URI uri = URI.create(api + call.path);
        long start = System.nanoTime();
        try {
            Exchange exchange = exchange(call.method, uri, call.body, token, REQUEST_TIMEOUT);
            long nanos = System.nanoTime() - start;
            return new Answer(exchange.status, exchange.cache, nanos, exchange.body.getBytes(StandardCharsets.UTF_8).length, exchange.body,
                    uri);
        } catch (IOException e) {
            return new Answer(-1, "-", System.nanoTime() - start, 0, e.toString(), uri);
        }
    }

    record Exchange(int status, String cache, String body) {
    }

    /**
     * One request on the JDK's blocking client (HttpURLConnection, connections kept alive and reused). The asynchronous
     * java.net.http client hands each response between its selector thread and the caller: on two cores shared with
     * the server that added about 2.5 ms to the p95 of a 78 KB cached log page (blocking client 2.7-2.9 ms, raw socket
     * 1.4 ms, asynchronous client 4.9-5.4 ms; docs/benchmarks.md).
     */
    static Exchange exchange(String method, URI uri, String body, String token, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setRequestMethod(method);
        if (token != null) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        String text;
        try (InputStream in = stream == null ? InputStream.nullInputStream() : stream) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);   // read to the end, so the connection is reused
        }
        String cache = connection.getHeaderField("X-Cache");
        return new Exchange(status, cache == null ? "-" : cache, text);
    }

    private void login() throws IOException {
        bearer = signIn(api, options);
    }

    /**
     * An access token for {@code --email}/{@code --password}, or for the administrator in {@code --credentials}
     * (default ~/.telemetryflow/credentials.json); {@code api} is the API's base URL.
     */
    static String signIn(String api, Map<String, String> options) throws IOException {
        String email = options.get("email");
        String password = options.get("password");
        if (email == null || password == null) {
            String credentials = Files.readString(Path.of(options.getOrDefault("credentials",
                    System.getProperty("user.home") + "/.telemetryflow/credentials.json")));
            email = jsonField(credentials, "adminEmail");
            password = jsonField(credentials, "adminPassword");
        }
        Exchange answer = exchange("POST", URI.create(api + "/auth/login"),
                "{\"email\":" + json(email) + ",\"password\":" + json(password) + "}", null, REQUEST_TIMEOUT);
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in as " + email + ": HTTP " + answer.status() + " " + answer.body());
        }
        return jsonField(answer.body(), "accessToken");
    }

    // ---- ClickHouse: where the data is, which traces exist ----

    private void readDataExtent() throws IOException {
        String[] extent = clickHouse("SELECT toUnixTimestamp64Milli(min(first_seen)), toUnixTimestamp64Milli(max(last_seen)) FROM "
                + database + ".service_catalogue WHERE tenant_id = toUUID('" + tenantId + "') AND signal = 'traces'"
                + " AND service_name IN ('frontend', 'api-gateway') FORMAT TSV").trim().split("\t");
        dataFrom = Long.parseLong(extent[0]);
        dataTo = Long.parseLong(extent[1]);
        if (dataTo <= dataFrom) {
            throw new IllegalStateException("no bench data for tenant " + tenantId + "; run bench/load-read-data.sh first");
        }
    }

    /** Ids of complete traces (their root span exists), at random over the whole data set. */
    private List<String> traceIds(int count) throws IOException {
        List<String> ids = clickHouse("SELECT trace_id FROM " + database + ".otel_traces WHERE tenant_id = toUUID('" + tenantId + "')"
                + " AND service_name IN ('frontend', 'api-gateway') AND parent_span_id = '' ORDER BY rand() LIMIT " + count + " FORMAT TSV")
                .lines().filter(line -> line.matches("[0-9a-f]{32}")).toList();
        if (ids.size() < count) {
            throw new IllegalStateException("found " + ids.size() + " trace ids, need " + count + "; run bench/load-read-data.sh first");
        }
        return ids;
    }

    private String clickHouse(String sql) throws IOException {
        Exchange exchange = exchange("POST", URI.create(clickHouse + "/"), sql, null, Duration.ofSeconds(120));
        if (exchange.status != 200) {
            throw new IOException("ClickHouse answered " + exchange.status + ": " + exchange.body);
        }
        return exchange.body;
    }

    // ---- results ----

    private static final class Row {
        final String kind;
        final String path;
        final List<Long> nanos = new ArrayList<>();
        long bytes;
        int non200;
        int wrongCache;
        int missing;
        String firstProblem;

        Row(String kind, String path) {
            this.kind = kind;
            this.path = path;
        }

        void record(Answer answer, String expectedCache) {
            if (answer.status != 200) {
                note(answer, answer.describe());
                return;
            }
            nanos.add(answer.nanos);
            bytes += answer.bytes;
            if (!expectedCache.equals(answer.cache)) {
                wrongCache++;
                firstProblem = firstProblem != null ? firstProblem : "X-Cache " + answer.cache + ", expected " + expectedCache + " (" + answer.uri.getPath() + ")";
            }
        }

        void note(Answer answer, String problem) {
            non200++;
            firstProblem = firstProblem != null ? firstProblem : problem + (answer.status == 200 ? "" : " | " + answer.describe());
        }

        boolean clean() {
            return missing == 0 && non200 == 0 && wrongCache == 0;
        }

        double percentileMillis(double p) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = nanos.stream().sorted().toList();
            return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
        }
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.printf("%-12s %-9s %5s %9s %9s %9s %9s %8s %12s %10s%n", "kind", "path", "ok", "p50 ms", "p95 ms", "p99 ms", "max ms",
                "non-200", "wrong-cache", "avg bytes");
        for (Row row : rows) {
            if (row.missing != 0) {
                System.out.printf("%-12s %-9s  NOT MEASURED: the first request answered HTTP %d (endpoint not deployed?)%n", row.kind, row.path, row.missing);
                continue;
            }
            System.out.printf("%-12s %-9s %5d %9s %9s %9s %9s %8d %12d %10s%n", row.kind, row.path, row.nanos.size(),
                    fmt(row.percentileMillis(0.50)), fmt(row.percentileMillis(0.95)), fmt(row.percentileMillis(0.99)),
                    fmt(row.percentileMillis(1.0)), row.non200, row.wrongCache, row.nanos.isEmpty() ? "-" : String.valueOf(row.bytes / row.nanos.size()));
        }
        System.out.println();
        for (Row row : rows) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("kind", row.kind);
            result.put("path", row.path);
            result.put("ok", row.nanos.size());
            result.put("p50_ms", fmt(row.percentileMillis(0.50)));
            result.put("p95_ms", fmt(row.percentileMillis(0.95)));
            result.put("p99_ms", fmt(row.percentileMillis(0.99)));
            result.put("max_ms", fmt(row.percentileMillis(1.0)));
            result.put("non_200", row.non200);
            result.put("wrong_cache", row.wrongCache);
            result.put("missing", row.missing);
            StringBuilder line = new StringBuilder("RESULT");
            result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            System.out.println(line);
        }
        for (Row row : rows) {
            if (row.firstProblem != null) {
                System.err.println("first problem, " + row.kind + " " + row.path + ": " + row.firstProblem);
            }
        }
    }

    // ---- small helpers ----

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int bounded(String name, int fallback, int min, int max) {
        int value = Integer.parseInt(option(name, String.valueOf(fallback)));
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max);
        }
        return value;
    }

    /** The benchmark only talks to this machine. */
    static String requireLoopback(String url) {
        String host = URI.create(url).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("the benchmark only targets 127.0.0.1, not " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String jsonField(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find() || matcher.group(1).isEmpty()) {
            throw new IllegalArgumentException("no " + field + " in " + (json.length() > 200 ? json.substring(0, 200) : json));
        }
        return matcher.group(1);
    }

    private static String fmt(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.2f", millis);
    }
}
