package io.telemetryflow.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerting benchmark (docs/benchmarks.md, "Alert evaluation"): creates {@code --rules} enabled rules at a
 * {@code --interval} (half metric rules over the ingestion benchmark's gauges, grouped by host, half log-count rules
 * over its log records, grouped by service; every rule a question of its own unless {@code --distinct false}), watches
 * them for {@code --warmup-minutes} (phase "warm-up": every rule's first evaluations at once, reported apart), then for
 * {@code --minutes} (phase "watched"), then, with {@code --then-minutes}, prints {@code THEN} and watches them
 * that much longer (phase "then"; the driver script changes the load on that line), then deletes them. Every
 * {@code --poll} seconds it pages through the rules and keeps each new evaluation it sees (a rule's last evaluation
 * time, its lag from the scheduled tick to the stored state and its ClickHouse time). Per phase it prints the lag and
 * query-time percentiles and the ticks skipped: a gap between two evaluations of a rule longer than 1.5 intervals, and
 * for each rule the scheduled ticks inside the phase that it has no evaluation for. 127.0.0.1/localhost only.
 * Options: {@code --api http://127.0.0.1:8080/api/v2 --rules 1000 --interval 1m --warmup-minutes 0 --minutes 5 --then-minutes 0
 * --distinct true --poll 10 --tag label --credentials ~/.telemetryflow/credentials.json [--email E --password P]}.
 */
public final class AlertLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int PAGE = 200;

    private final Map<String, String> options;
    private final URI api;
    private final String tag;
    private String bearer;

    /** Per rule: the evaluations seen, by their time. */
    private final Map<String, TreeMap<Instant, Evaluation>> seen = new HashMap<>();

    private record Evaluation(Instant at, long lagMs, long queryMs, long count) {
    }

    private AlertLoad(Map<String, String> options) {
        this.options = options;
        this.api = URI.create(options.getOrDefault("api", "http://127.0.0.1:8080/api/v2"));
        if (!List.of("127.0.0.1", "localhost").contains(api.getHost())) {
            throw new IllegalArgumentException("--api must be on 127.0.0.1 or localhost");
        }
        this.tag = options.getOrDefault("tag", "alert-bench-" + System.currentTimeMillis() / 1000);
    }

    public static void main(String[] args) throws Exception {
        new AlertLoad(Options.parse(args)).run();
    }

    private void run() throws Exception {
        int rules = Integer.parseInt(options.getOrDefault("rules", "1000"));
        String interval = options.getOrDefault("interval", "1m");
        Duration watch = Duration.ofMinutes(Long.parseLong(options.getOrDefault("minutes", "5")));
        Duration poll = Duration.ofSeconds(Long.parseLong(options.getOrDefault("poll", "10")));
        boolean distinct = Boolean.parseBoolean(options.getOrDefault("distinct", "true"));
        Duration then = Duration.ofMinutes(Long.parseLong(options.getOrDefault("then-minutes", "0")));
        Duration warmup = Duration.ofMinutes(Long.parseLong(options.getOrDefault("warmup-minutes", "0")));
        login();
        Instant created = Instant.now();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < rules; i++) {
                ids.add(create(i, interval, distinct));
            }
            System.out.printf("created %d rules in %d ms%n", ids.size(), Duration.between(created, Instant.now()).toMillis());
            // The first tick of each rule falls within one interval of its creation (the scheduler spreads them).
            Instant warmFrom = Instant.now().plus(parse(interval));
            Instant watchFrom = warmFrom.plus(warmup);
            Instant end = watchFrom.plus(watch);
            if (!warmup.isZero()) {
                // every rule's first evaluations, all at once: whole windows read, instances created
                watch(watchFrom, poll);
                report("warm-up", ids, parse(interval), warmFrom, watchFrom);
            }
            watch(end, poll);
            report("watched", ids, parse(interval), watchFrom, end);
            if (!then.isZero()) {
                // the driver script switches its ingestion on this line (alert-bench.sh: from paced to unpaced)
                System.out.println("THEN " + then.toMinutes() + " min");
                Instant thenEnd = end.plus(then);
                watch(thenEnd, poll);
                report("then", ids, parse(interval), end, thenEnd);
            }
        } finally {
            for (String id : ids) {
                send("DELETE", "/alerts/rules/" + id, null);
            }
            System.out.printf("deleted %d rules%n", ids.size());
        }
    }

    private static final String[] AGGREGATIONS = {"avg", "max", "min"};
    private static final String[] TERMS = {"declined", "slow", "cache", "timeout", "payment"};
    private static final String[] SEVERITIES = {"ERROR", "WARN"};

    /**
     * Rule {@code i}: even ones a metric rule (one of the 8 benchmark gauges, avg/max/min, one cpu.mode, by host), odd ones
     * a log-count rule (a body term, a minimum severity, by service). With {@code --distinct true} (the default) each rule
     * also excludes a value that never occurs ({@code host.name} / {@code log.logger} {@code neq bench-<i>}): the same
     * data read, but a question of its own, so no two rules share a read (the worst case); with {@code false} rules
     * repeat 48 metric and 10 log questions with different thresholds, as warning/critical pairs and per-team copies do.
     */
    private String create(int i, String interval, boolean distinct) throws IOException {
        String unique = distinct ? ",{\"key\":\"%s\",\"op\":\"neq\",\"value\":\"bench-" + i + "\"}" : "";
        int k = i / 2;
        String body = i % 2 == 0
                ? "{\"name\":\"" + tag + "-metric-" + i + "\",\"kind\":\"metric\",\"query\":{\"metric\":\"system.cpu.utilization.m" + (k % 8)
                        + "\",\"aggregation\":\"" + AGGREGATIONS[k / 8 % 3] + "\",\"filters\":[{\"key\":\"cpu.mode\",\"op\":\"eq\",\"value\":\""
                        + (k / 24 % 2 == 0 ? "user" : "system") + "\"}" + unique.formatted("host.name") + "],\"groupBy\":[\"host.name\"]},"
                        + "\"condition\":{\"operator\":\"gt\",\"threshold\":" + (0.9 + k % 10 / 100.0) + ",\"reduce\":\"avg\",\"window\":\"5m\"},"
                        + "\"interval\":\"" + interval + "\",\"severity\":\"low\",\"labels\":{\"bench\":\"" + tag + "\"}}"
                : "{\"name\":\"" + tag + "-logs-" + i + "\",\"kind\":\"logs\",\"query\":{\"severity\":\"" + SEVERITIES[k / 5 % 2]
                        + "\",\"query\":\"" + TERMS[k % 5] + "\",\"filters\":[" + (distinct ? unique.substring(1).formatted("log.logger") : "")
                        + "],\"groupBy\":\"service.name\"},\"condition\":{\"operator\":\"gt\",\"threshold\":" + (100 + i)
                        + ",\"reduce\":\"total\",\"window\":\"5m\"},\"interval\":\"" + interval + "\",\"severity\":\"low\",\"labels\":{\"bench\":\""
                        + tag + "\"}}";
        ReadLoad.Exchange answer = send("POST", "/alerts/rules", body);
        if (answer.status() != 201 && answer.status() != 200) {
            throw new IllegalStateException("creating rule " + i + ": HTTP " + answer.status() + " " + answer.body());
        }
        return object(answer.body()).getString("id");
    }

    /** Collects evaluations every {@code poll} until a little after {@code end} (the last ones written before it). */
    private void watch(Instant end, Duration poll) throws IOException, InterruptedException {
        while (Instant.now().isBefore(end.plus(poll).plus(Duration.ofSeconds(15)))) {
            collect();
            Thread.sleep(poll.toMillis());
        }
    }

    /** One pass over this run's rules: every evaluation not seen before. */
    private void collect() throws IOException {
        for (int offset = 0; ; offset += PAGE) {
            ReadLoad.Exchange answer = send("GET", "/alerts/rules?name=" + tag + "&limit=" + PAGE + "&offset=" + offset, null);
            if (answer.status() != 200) {
                throw new IllegalStateException("listing rules: HTTP " + answer.status() + " " + answer.body());
            }
            JsonObject page = object(answer.body());
            for (JsonValue item : page.getJsonArray("items")) {
                JsonObject rule = item.asJsonObject();
                JsonObject evaluation = rule.getJsonObject("evaluation");
                if (evaluation == null || absent(evaluation, "lastEvaluatedAt") || absent(evaluation, "lastLagMs")) {
                    continue;
                }
                Instant at = Instant.parse(evaluation.getString("lastEvaluatedAt"));
                seen.computeIfAbsent(rule.getString("id"), id -> new TreeMap<>()).putIfAbsent(at, new Evaluation(at,
                        evaluation.getJsonNumber("lastLagMs").longValue(),
                        absent(evaluation, "lastQueryMs") ? 0 : evaluation.getJsonNumber("lastQueryMs").longValue(),
                        evaluation.getJsonNumber("evaluations").longValue()));
            }
            if (offset + PAGE >= page.getJsonNumber("total").longValue()) {
                return;
            }
        }
    }

    /** The API leaves null fields out. */
    private static boolean absent(JsonObject object, String field) {
        return !object.containsKey(field) || object.isNull(field);
    }

    private void report(String phase, List<String> ids, Duration interval, Instant from, Instant to) {
        List<Long> lags = new ArrayList<>();
        List<Long> queries = new ArrayList<>();
        long gaps = 0;
        long missedTicks = 0;
        long evaluationsInWindow = 0;
        long expectedInWindow = 0;
        for (String id : ids) {
            TreeMap<Instant, Evaluation> evaluations = seen.getOrDefault(id, new TreeMap<>());
            Evaluation previous = null;
            for (Evaluation evaluation : evaluations.subMap(from, true, to, true).values()) {
                lags.add(evaluation.lagMs());
                queries.add(evaluation.queryMs());
                if (previous != null && Duration.between(previous.at(), evaluation.at()).compareTo(interval.multipliedBy(3).dividedBy(2)) > 0) {
                    gaps++;
                }
                previous = evaluation;
            }
            // The evaluation counter says how many ticks ran between the first and last evaluation seen in the window.
            var window = evaluations.subMap(from, true, to, true);
            if (!window.isEmpty()) {
                long ran = window.lastEntry().getValue().count() - window.firstEntry().getValue().count() + 1;
                // rounded: evaluation times jitter around their ticks by the lag, a little more or less than an interval apart
                long ticks = Math.round(Duration.between(window.firstKey(), window.lastKey()).toMillis() / (double) interval.toMillis()) + 1;
                evaluationsInWindow += ran;
                expectedInWindow += ticks;
                missedTicks += Math.max(0, ticks - ran);
            } else {
                missedTicks += Duration.between(from, to).toMillis() / interval.toMillis();
            }
        }
        lags.sort(null);
        queries.sort(null);
        System.out.printf("RESULT phase=%s tag=%s distinct=%s rules=%d watched_s=%d evaluations_seen=%d evaluations_counted=%d ticks_expected=%d ticks_missed=%d gaps=%d "
                        + "lag_p50_ms=%d lag_p95_ms=%d lag_max_ms=%d ch_p50_ms=%d ch_p95_ms=%d ch_max_ms=%d%n",
                phase, tag, options.getOrDefault("distinct", "true"), ids.size(), Duration.between(from, to).toSeconds(), lags.size(), evaluationsInWindow, expectedInWindow, missedTicks, gaps,
                percentile(lags, 50), percentile(lags, 95), percentile(lags, 100), percentile(queries, 50), percentile(queries, 95),
                percentile(queries, 100));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Duration parse(String interval) {
        char unit = interval.charAt(interval.length() - 1);
        long amount = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("--interval like 30s, 1m or 1h");
        };
    }

    private ReadLoad.Exchange send(String method, String path, String body) throws IOException {
        ReadLoad.Exchange answer = ReadLoad.exchange(method, URI.create(api + path), body, bearer, REQUEST_TIMEOUT);
        if (answer.status() == 401) {   // the access token expired: sign in again, once
            login();
            answer = ReadLoad.exchange(method, URI.create(api + path), body, bearer, REQUEST_TIMEOUT);
        }
        return answer;
    }

    private void login() throws IOException {
        bearer = ReadLoad.signIn(api.toString(), options);
    }

    private static JsonObject object(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
