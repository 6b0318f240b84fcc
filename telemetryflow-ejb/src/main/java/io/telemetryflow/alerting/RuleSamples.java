package io.telemetryflow.alerting;

import com.clickhouse.client.api.query.GenericRecord;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.metrics.MetricKind;
import io.telemetryflow.telemetry.metrics.MetricKinds;
import io.telemetryflow.telemetry.metrics.MetricSeriesSql;
import io.telemetryflow.telemetry.logs.LogFilter;
import io.telemetryflow.telemetry.logs.LogsSql;
import io.telemetryflow.telemetry.metrics.MetricSeriesAnswer;
import io.telemetryflow.telemetry.metrics.MetricSeriesQuery;
import io.telemetryflow.telemetry.metrics.Metrics;
import io.telemetryflow.telemetry.traces.RedQuery;
import io.telemetryflow.telemetry.traces.TraceSql;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads what a rule's query gives over {@code [from, to)} as {@link SeriesSample}s, one per group-by series, through the
 * read API's validated queries and SQL builders (so always scoped to the tenant, never concatenated SQL) and without its
 * cache: metric series at {@code step}, log counts per step (zero-filled: no matching log is a count of 0, not missing
 * data, except for an absence rule), a service's or operation's RED figure per step.
 *
 * <p>Evaluations share reads: rules of one tenant with the same query and the same {@link EvaluationWindow} (whole-minute
 * windows make these common: a warning and a critical threshold on one metric, a template imported twice) get the
 * result of one read, made by whichever asked first while the others wait for it. A result is shared for
 * {@link #SHARED_FOR} after it was asked for, on this node; a failed read is not shared.
 *
 * <p>A log rule's whole-minute window is assembled from per-minute counts kept between evaluations ({@link LogMinutes}):
 * each evaluation reads only the minutes not yet final, two of a 5-minute window's five. Log counts are read from raw
 * records (a body term has no aggregate to read instead), so this is what keeps their cost down. Kept per question and
 * window length, on this node; at most {@link #MAX_SHARED} questions.
 *
 * <p>Reads are made for all of a tenant's rules at once ({@link BatchReads}): the first evaluation in a minute that needs
 * a read makes it for every question of the same kind and window that the tenant's enabled whole-minute rules ask
 * ({@link TenantQuestions}), up to {@link #BATCH_QUESTIONS} per query, and the evaluations of the next
 * {@link #BATCH_FRESH_FOR} take their share of it. Gauge rules read their window from the per-minute aggregates
 * ({@link MetricSeriesSql#gaugeMinutes}); log rules the minutes not final yet ({@link LogsSql#minuteCounts}), or their
 * whole window the first time. So the ClickHouse cost of a tenant's rules is a few scans a minute, whatever their
 * number; a rule whose question is not in the batch (saved since) reads alone, and so do other metric kinds and trace
 * rules (with the shared reads above).
 */
@ApplicationScoped
public class RuleSamples {

    /** Series one rule may have; more are cut (the evaluator's instance count is bounded by it). */
    static final int MAX_SERIES = 1000;

    /** How long an evaluation waits for a read slot of its tenant, and how often it tries meanwhile. */
    static final Duration ADMISSION_WAIT = Duration.ofSeconds(5);
    private static final long ADMISSION_RETRY_MILLIS = 100;

    /** How long a read is shared: within a minute, so a whole-minute window's readers all find it. */
    static final Duration SHARED_FOR = Duration.ofSeconds(60);

    /** Reads shared at most; beyond, a read is made for its rule alone (the map stays bounded whatever the rule count). */
    static final int MAX_SHARED = 20_000;

    private record SharedKey(UUID tenantId, RuleQuery query, EvaluationWindow window) {
    }

    private record SharedRead(long askedAtNanos, CompletableFuture<List<SeriesSample>> result) {
    }

    private final ConcurrentHashMap<SharedKey, SharedRead> shared = new ConcurrentHashMap<>();

    /** Minutes kept for longer than this without an evaluation asking for them are forgotten. */
    static final Duration MINUTES_KEPT_FOR = Duration.ofMinutes(10);

    private record MinutesKey(UUID tenantId, LogRuleQuery query, long windowMillis) {
    }

    private static final class KeptMinutes {
        final LogMinutes minutes;
        volatile long usedNanos = System.nanoTime();
        /** The {@link #reads} number of the read its minutes were last taken from: a next one must not be older. */
        long lastRead;

        KeptMinutes(LogMinutes minutes) {
            this.minutes = minutes;
        }
    }

    private final ConcurrentHashMap<MinutesKey, KeptMinutes> minutes = new ConcurrentHashMap<>();

    /** The newest minutes a batch read covers: what a kept question reads each time (the 2 not final yet). */
    static final Duration BATCH_SPAN = Duration.ofMinutes(2);
    /**
     * How long after it was made a batch read serves the evaluations that ask for its minutes; one made this long after
     * its window ended serves them all (the window's records had arrived by then).
     */
    static final Duration BATCH_FRESH_FOR = Duration.ofSeconds(15);
    /** Questions counted in one query at most; the SQL grows with them. */
    static final int BATCH_QUESTIONS = 250;
    /** The longest SQL text of a batch query (ClickHouse's max_query_size is 256 KiB); a longer one is split in two. */
    static final int MAX_BATCH_SQL = 200_000;

    /** Numbers the reads of kept minutes and of gauge questions in the order they began, batch or not. */
    private final AtomicLong reads = new AtomicLong();
    /** The newest minutes of log questions, by the end of the window: their counts by question, value and minute start. */
    private final BatchReads<LogRuleQuery, MinuteCounts> logBatches = new BatchReads<>(BATCH_FRESH_FOR, reads);
    /** Whole log windows of the questions read for the first time (a new rule, a restart), by window. */
    private final BatchReads<LogRuleQuery, MinuteCounts> logWindowBatches = new BatchReads<>(BATCH_FRESH_FOR, reads);

    /** A batch read of log minutes: the counts by question, value and minute start, and when it began. */
    private record MinuteCounts(Instant readAt, Map<LogRuleQuery, Map<String, Map<Long, Long>>> counts) {
    }

    /** Gauge questions' whole windows, by window: their series by question. */
    private final BatchReads<MetricRuleQuery, Map<MetricRuleQuery, List<SeriesSample>>> gaugeBatches = new BatchReads<>(BATCH_FRESH_FOR, reads);

    /** What a metric is catalogued as, for a minute: the kind decides whether a question can be batched. */
    static final Duration KINDS_KEPT_FOR = Duration.ofMinutes(1);

    private record KindsKey(UUID tenantId, String metric, Optional<String> service) {
    }

    private record Kinds(long readNanos, List<MetricKinds.Catalogued> kinds) {
    }

    private final ConcurrentHashMap<KindsKey, Kinds> kinds = new ConcurrentHashMap<>();

    private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime());

    @Inject
    Metrics metrics;

    @Inject
    TelemetryQueries queries;

    @Inject
    TenantQuestions questions;

    /** An evaluation's read, shared with the evaluations asking the same (see the class comment). */
    List<SeriesSample> read(TenantPlacement tenant, RuleQuery query, EvaluationWindow window, Instant now) {
        long asked = System.nanoTime();
        sweep(asked);
        if (LogMinutes.applies(window)) {
            if (query instanceof LogRuleQuery logs) {
                return logsByMinute(tenant, logs, window, now, true);
            }
            if (query instanceof AbsenceRuleQuery absence && absence.inner() instanceof LogRuleQuery logs) {
                return logsByMinute(tenant, logs, window, now, false);
            }
        }
        if (query instanceof MetricRuleQuery metric && wholeMinutes(window)) {
            List<SeriesSample> batched = gaugeBatched(tenant, metric, window, now);
            if (batched != null) {
                return batched;
            }
        }
        SharedKey key = new SharedKey(tenant.tenantId(), query, window);
        SharedRead mine = new SharedRead(asked, new CompletableFuture<>());
        SharedRead first = shared.get(key);
        if (first == null) {
            first = shared.size() < MAX_SHARED ? shared.putIfAbsent(key, mine) : mine;
        }
        if (first != null && first != mine) {
            try {
                return first.result().join();
            } catch (CompletionException | CancellationException e) {
                // the first reader failed: read for this rule alone, so that its own failure (if any) is its reason
                return admitted(() -> read(tenant, query, window.from(), window.to(), window.step(), now));
            }
        }
        try {
            List<SeriesSample> read = List.copyOf(admitted(() -> read(tenant, query, window.from(), window.to(), window.step(), now)));
            mine.result().complete(read);
            return read;
        } catch (RuntimeException e) {
            shared.remove(key, mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
    }

    /**
     * At most once a second: forgets the reads asked for longer than {@link #SHARED_FOR} ago and the minutes not asked
     * for in {@link #MINUTES_KEPT_FOR}.
     */
    private void sweep(long now) {
        long last = lastSweepNanos.get();
        if (now - last < 1_000_000_000L || !lastSweepNanos.compareAndSet(last, now)) {
            return;
        }
        long oldest = now - SHARED_FOR.toNanos();
        shared.values().removeIf(read -> read.askedAtNanos() - oldest < 0);
        long unused = now - MINUTES_KEPT_FOR.toNanos();
        minutes.values().removeIf(kept -> kept.usedNanos - unused < 0);
        logBatches.forgetMadeBefore(oldest);
        logWindowBatches.forgetMadeBefore(oldest);
        gaugeBatches.forgetMadeBefore(oldest);
        long kindsOldest = now - KINDS_KEPT_FOR.toNanos();
        kinds.values().removeIf(read -> read.readNanos() - kindsOldest < 0);
    }

    /**
     * Runs an evaluation's read, waiting up to {@link #ADMISSION_WAIT} while the tenant's concurrent reads on this node
     * are all taken (by people's dashboards and searches: a 429 for them), so that a busy console does not put alerts
     * into their Error state. Other refusals and failures pass at once.
     */
    static <T> T admitted(Supplier<T> read) {
        long deadline = System.nanoTime() + ADMISSION_WAIT.toNanos();
        while (true) {
            try {
                return read.get();
            } catch (Rejected e) {
                if (e.reason() != Rejected.Reason.TOO_MANY_REQUESTS || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(ADMISSION_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Rejected.unavailable("the evaluation was interrupted while waiting for a read slot", 1);
            }
        }
    }

    /** A read for one rule (the preview, a shared read's first reader). */
    List<SeriesSample> read(TenantPlacement tenant, RuleQuery query, Instant from, Instant to, Duration step, Instant now) {
        if (query instanceof MetricRuleQuery metric) {
            return metric(tenant, metric, from, to, step, now);
        }
        if (query instanceof LogRuleQuery logs) {
            return logs(tenant, logs, from, to, step, now, true);
        }
        if (query instanceof TraceRuleQuery traces) {
            return traces(tenant, traces, from, to, step);
        }
        RuleQuery inner = ((AbsenceRuleQuery) query).inner();
        return inner instanceof LogRuleQuery logs ? logs(tenant, logs, from, to, step, now, false) : read(tenant, inner, from, to, step, now);
    }

    private List<SeriesSample> metric(TenantPlacement tenant, MetricRuleQuery rule, Instant from, Instant to, Duration step, Instant now) {
        MetricSeriesQuery query = MetricSeriesQuery.parse(rule.request(tenant.tenantId().toString(), from, to, step.toSeconds() + "s", MAX_SERIES),
                now, queries.limits());
        MetricSeriesAnswer answer = metrics.series(tenant, query);
        List<SeriesSample> samples = new ArrayList<>();
        for (MetricSeriesAnswer.Series series : answer.series()) {
            List<SeriesSample.Point> points = new ArrayList<>();
            for (List<Number> point : series.points()) {
                if (point.get(1) != null && Double.isFinite(point.get(1).doubleValue())) {
                    points.add(new SeriesSample.Point(Instant.ofEpochMilli(point.get(0).longValue()), point.get(1).doubleValue()));
                }
            }
            samples.add(new SeriesSample(series.labels(), points));
        }
        return samples;
    }

    private List<SeriesSample> logs(TenantPlacement tenant, LogRuleQuery rule, Instant from, Instant to, Duration step, Instant now,
                                    boolean zeroFilled) {
        return logSamples(rule, logCounts(tenant, rule, from, to, step, now), from, to, step, zeroFilled);
    }

    /** Matching records per group-by value ("" ungrouped) and step start (epoch ms); values without one are left out. */
    private Map<String, Map<Long, Long>> logCounts(TenantPlacement tenant, LogRuleQuery rule, Instant from, Instant to, Duration step,
                                                   Instant now) {
        LogFilter filter = rule.request(tenant.tenantId().toString(), from, to).parse(now, queries.limits());
        LogsSql.Field groupBy = rule.groupBy() == null ? null : LogsSql.Field.parse(rule.groupBy());
        Map<String, Map<Long, Long>> counts = new TreeMap<>();
        for (GenericRecord row : queries.rows(LogsSql.counts(tenant, filter, groupBy, step.toMillis(), MAX_SERIES))) {
            putCounts(counts.computeIfAbsent(row.getString("value"), value -> new TreeMap<>()), row);
        }
        return counts;
    }

    /** A counts row's records per step start ({@code buckets}, {@code counts}) into {@code series}. */
    private static void putCounts(Map<Long, Long> series, GenericRecord row) {
        List<?> buckets = row.getList("buckets");
        List<?> records = row.getList("counts");
        for (int i = 0; i < buckets.size(); i++) {
            series.put(((Number) buckets.get(i)).longValue(), ((Number) records.get(i)).longValue());
        }
    }

    private static List<SeriesSample> logSamples(LogRuleQuery rule, Map<String, Map<Long, Long>> counts, Instant from, Instant to,
                                                 Duration step, boolean zeroFilled) {
        long stepMillis = step.toMillis();
        if (zeroFilled && rule.groupBy() == null && counts.isEmpty()) {
            counts = Map.of("", Map.of());
        }
        List<SeriesSample> samples = new ArrayList<>();
        for (Map.Entry<String, Map<Long, Long>> series : counts.entrySet()) {
            if (samples.size() == MAX_SERIES) {
                break;
            }
            Map<String, String> labels = rule.groupBy() == null ? Map.of() : Map.of(rule.groupBy(), series.getKey());
            List<SeriesSample.Point> points = new ArrayList<>();
            if (zeroFilled) {
                for (long bucket = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis; bucket < to.toEpochMilli(); bucket += stepMillis) {
                    points.add(new SeriesSample.Point(Instant.ofEpochMilli(bucket), series.getValue().getOrDefault(bucket, 0L)));
                }
            } else {
                series.getValue().forEach((bucket, count) -> points.add(new SeriesSample.Point(Instant.ofEpochMilli(bucket), count)));
            }
            samples.add(new SeriesSample(labels, points));
        }
        return samples;
    }

    /**
     * A log rule's window assembled from the minutes kept for its question ({@link LogMinutes}): reads only the minutes
     * not final yet; rules with the same question and window length wait for one another's read and share it.
     */
    private List<SeriesSample> logsByMinute(TenantPlacement tenant, LogRuleQuery rule, EvaluationWindow window, Instant now,
                                            boolean zeroFilled) {
        MinutesKey key = new MinutesKey(tenant.tenantId(), rule, window.to().toEpochMilli() - window.from().toEpochMilli());
        KeptMinutes kept = minutes.get(key);
        if (kept == null && minutes.size() < MAX_SHARED) {
            kept = minutes.computeIfAbsent(key, k -> new KeptMinutes(new LogMinutes()));
        }
        if (kept == null) {
            return admitted(() -> logs(tenant, rule, window.from(), window.to(), window.step(), now, zeroFilled));
        }
        Map<String, Map<Long, Long>> counts;
        synchronized (kept) {
            kept.usedNanos = System.nanoTime();
            LogMinutes.Read read = kept.minutes.toRead(window);
            if (read.from().isBefore(read.to())) {
                // the newest minutes of the kept ones, or the whole window the first time: batches the tenant's other rules
                // share; any other range (a rule that fell behind) is read alone
                Instant complete = read.to().plus(BATCH_FRESH_FOR);
                BatchReads.Taken<MinuteCounts> batch = !read.from().isBefore(read.to().minus(BATCH_SPAN))
                        ? logBatches.take(tenant.tenantId(), read.to(), complete, rule, kept.lastRead, () -> logQuestions(tenant, 0, now),
                                questions -> readLogBatch(tenant, questions, read.to().minus(BATCH_SPAN), read.to(), now))
                        : read.from().equals(window.from()) ? logWindowBatches.take(tenant.tenantId(), window, complete, rule, kept.lastRead,
                                () -> logQuestions(tenant, window.to().toEpochMilli() - window.from().toEpochMilli(), now),
                                questions -> readLogBatch(tenant, questions, window.from(), window.to(), now))
                        : null;
                if (batch != null) {
                    // settled as of before the batch read, which the first of its evaluations made
                    kept.minutes.took(window, read, batch.result().counts().getOrDefault(rule, Map.of()), batch.result().readAt());
                    kept.lastRead = batch.number();
                } else {
                    kept.lastRead = reads.incrementAndGet();
                    Map<String, Map<Long, Long>> counted = admitted(() -> logCounts(tenant, rule, read.from(), read.to(), window.step(), now));
                    kept.minutes.took(window, read, counted, now);   // settled as of before the read
                }
            }
            counts = kept.minutes.window(window);
        }
        return logSamples(rule, counts, window.from(), window.to(), window.step(), zeroFilled);
    }

    /**
     * The log questions of the tenant's whole-minute rules (an absence rule's too), of windows {@code windowMillis} long
     * (0: any); none when the rules cannot be read (the batch is then made for the asking question alone).
     */
    private Collection<LogRuleQuery> logQuestions(TenantPlacement tenant, long windowMillis, Instant now) {
        List<LogRuleQuery> logs = new ArrayList<>();
        for (TenantQuestions.Question question : tenantQuestions(tenant, now)) {
            RuleQuery query = question.query() instanceof AbsenceRuleQuery absence ? absence.inner() : question.query();
            if (query instanceof LogRuleQuery log && question.stepMillis() == 60_000 && (windowMillis == 0 || question.windowMillis() == windowMillis)) {
                logs.add(log);
            }
        }
        return logs;
    }

    private List<TenantQuestions.Question> tenantQuestions(TenantPlacement tenant, Instant now) {
        try {
            return questions.of(tenant.tenantId(), now);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** {@code [from, to)} counted per minute for each question, {@link #BATCH_QUESTIONS} per query. */
    private MinuteCounts readLogBatch(TenantPlacement tenant, List<LogRuleQuery> questions, Instant from, Instant to, Instant now) {
        Map<LogRuleQuery, Map<String, Map<Long, Long>>> counts = new HashMap<>();
        for (Part<LogRuleQuery> part : parts(questions, some -> LogsSql.minuteCounts(tenant, TimeRange.of(from, to), some.stream()
                .map(question -> new LogsSql.Counted(question.request(tenant.tenantId().toString(), from, to).parse(now, queries.limits()),
                        question.groupBy() == null ? null : LogsSql.Field.parse(question.groupBy()))).toList(), MAX_SERIES))) {
            for (GenericRecord row : admitted(() -> queries.rows(part.query()))) {
                LogRuleQuery question = part.questions().get((int) row.getLong("q") - 1);
                putCounts(counts.computeIfAbsent(question, q -> new TreeMap<>()).computeIfAbsent(row.getString("value"), value -> new TreeMap<>()),
                        row);
            }
        }
        return new MinuteCounts(now, counts);
    }

    private static boolean wholeMinutes(EvaluationWindow window) {
        return window.from().toEpochMilli() % 60_000 == 0 && window.to().toEpochMilli() % 60_000 == 0 && window.step().toMillis() % 60_000 == 0;
    }

    /**
     * A gauge rule's window from the batch read of the tenant's gauge questions over that window; null when the rule's
     * metric is not a gauge (or not catalogued yet) or the batch read could not serve it (then it reads alone).
     */
    private List<SeriesSample> gaugeBatched(TenantPlacement tenant, MetricRuleQuery rule, EvaluationWindow window, Instant now) {
        if (gauge(tenant, rule, window, now) == null) {
            return null;
        }
        long windowMillis = window.to().toEpochMilli() - window.from().toEpochMilli();
        long stepMillis = window.step().toMillis();
        // a gauge rule's next window is another batch's, so an evaluation never takes an older read than its last one
        BatchReads.Taken<Map<MetricRuleQuery, List<SeriesSample>>> batch = gaugeBatches.take(tenant.tenantId(), window,
                window.to().plus(BATCH_FRESH_FOR), rule, 0,
                () -> tenantQuestions(tenant, now).stream().filter(other -> other.query() instanceof MetricRuleQuery
                        && other.windowMillis() == windowMillis && other.stepMillis() == stepMillis).map(other -> (MetricRuleQuery) other.query())
                        .toList(),
                questions -> readGaugeBatch(tenant, questions, window, now));
        if (batch == null || !batch.result().containsKey(rule)) {
            return null;
        }
        return batch.result().get(rule);
    }

    /** The rule's series query over the window if its metric is catalogued as a gauge (the kind it would be read as), else null. */
    private MetricSeriesQuery gauge(TenantPlacement tenant, MetricRuleQuery rule, EvaluationWindow window, Instant now) {
        MetricSeriesQuery query = MetricSeriesQuery.parse(rule.request(tenant.tenantId().toString(), window.from(), window.to(),
                window.step().toSeconds() + "s", MAX_SERIES), now, queries.limits());
        KindsKey key = new KindsKey(tenant.tenantId(), query.metric(), query.service());
        Kinds known = kinds.get(key);
        if (known == null) {
            known = new Kinds(System.nanoTime(), admitted(() -> metrics.kinds(tenant, query.metric(), query.service())));
            kinds.put(key, known);
        }
        Optional<MetricKinds.Catalogued> chosen = MetricKinds.choose(known.kinds(), query.kind(), query.aggregation());
        return chosen.isPresent() && chosen.get().kind() == MetricKind.GAUGE ? query : null;
    }

    /** Each gauge question's series over the window, {@link #BATCH_QUESTIONS} per query; questions no longer valid left out. */
    private Map<MetricRuleQuery, List<SeriesSample>> readGaugeBatch(TenantPlacement tenant, List<MetricRuleQuery> questions,
                                                                   EvaluationWindow window, Instant now) {
        List<MetricRuleQuery> gauges = new ArrayList<>();
        List<MetricSeriesQuery> parsed = new ArrayList<>();
        for (MetricRuleQuery question : questions) {
            try {
                MetricSeriesQuery query = gauge(tenant, question, window, now);
                if (query != null) {
                    gauges.add(question);
                    parsed.add(query);
                }
            } catch (Rejected e) {
                // valid when saved, but not now (the operator's bounds changed): its own evaluation reports why
            }
        }
        Map<MetricRuleQuery, List<SeriesSample>> series = new HashMap<>();
        gauges.forEach(gauge -> series.put(gauge, new ArrayList<>()));
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < gauges.size(); i++) {
            positions.add(i);
        }
        for (Part<Integer> part : parts(positions, some -> MetricSeriesSql.gaugeMinutes(tenant, TimeRange.of(window.from(), window.to()),
                window.step().toSeconds(), some.stream().map(parsed::get).toList(), MAX_SERIES))) {
            for (GenericRecord row : admitted(() -> queries.rows(part.query()))) {
                int q = part.questions().get((int) row.getLong("q") - 1);
                List<String> keys = parsed.get(q).groupBy();
                List<?> values = row.getList("labels");
                Map<String, String> labels = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    labels.put(keys.get(i), String.valueOf(values.get(i)));
                }
                List<?> times = row.getList("times");
                List<?> vals = row.getList("vals");
                TreeMap<Long, Double> points = new TreeMap<>();
                for (int i = 0; i < times.size(); i++) {
                    double value = ((Number) vals.get(i)).doubleValue();
                    if (Double.isFinite(value)) {
                        points.put(((Number) times.get(i)).longValue(), value);
                    }
                }
                series.get(gauges.get(q)).add(new SeriesSample(labels, points.entrySet().stream()
                        .map(point -> new SeriesSample.Point(Instant.ofEpochMilli(point.getKey()), point.getValue())).toList()));
            }
        }
        series.replaceAll((gauge, samples) -> List.copyOf(samples));
        return series;
    }

    /** Some questions of a batch and the query that reads them. */
    record Part<T>(List<T> questions, TelemetrySql.Query query) {
    }

    /**
     * The questions in parts of at most {@link #BATCH_QUESTIONS}, each with its query ({@code query}), halved until the
     * query's text is at most {@link #MAX_BATCH_SQL} long (rules with long filters make long conditions).
     */
    static <T> List<Part<T>> parts(List<T> questions, Function<List<T>, TelemetrySql.Query> query) {
        List<Part<T>> parts = new ArrayList<>();
        for (int start = 0; start < questions.size(); start += BATCH_QUESTIONS) {
            split(questions.subList(start, Math.min(questions.size(), start + BATCH_QUESTIONS)), query, parts);
        }
        return parts;
    }

    private static <T> void split(List<T> some, Function<List<T>, TelemetrySql.Query> query, List<Part<T>> parts) {
        TelemetrySql.Query built = query.apply(some);
        if (built.sql().length() <= MAX_BATCH_SQL || some.size() == 1) {
            parts.add(new Part<>(List.copyOf(some), built));
            return;
        }
        split(some.subList(0, some.size() / 2), query, parts);
        split(some.subList(some.size() / 2, some.size()), query, parts);
    }

    /** Forgets the batch reads made so far, as if they had gone stale (for tests). */
    void forgetBatches() {
        long now = System.nanoTime() + 1;
        logBatches.forgetMadeBefore(now);
        logWindowBatches.forgetMadeBefore(now);
        gaugeBatches.forgetMadeBefore(now);
    }

    /** Batch reads made on this node, of log minutes and of gauge windows (for tests). */
    long batchReads() {
        return logBatches.made() + logWindowBatches.made() + gaugeBatches.made();
    }

    private List<SeriesSample> traces(TenantPlacement tenant, TraceRuleQuery rule, Instant from, Instant to, Duration step) {
        TimeRange range = TimeRange.of(from, to);
        // per operation of the service, or per service (all of them when the rule names none)
        RedQuery query = new RedQuery(from.toString(), to.toString(), rule.operation() == null ? null : rule.service(), step.toSeconds(),
                RedQuery.MAX_LIMIT);
        List<String> groups;
        if (rule.operation() != null) {
            groups = List.of(rule.operation());
        } else if (rule.service() != null) {
            groups = List.of(rule.service());
        } else {
            groups = queries.rows(TraceSql.red(tenant, query, range)).stream().limit(RedQuery.MAX_LIMIT).map(row -> row.getString("service"))
                    .toList();
            if (groups.isEmpty()) {
                return List.of();
            }
        }
        Map<Map<String, String>, List<SeriesSample.Point>> series = new LinkedHashMap<>();
        for (GenericRecord row : queries.rows(TraceSql.redSeries(tenant, query, range, groups))) {
            Map<String, String> labels = new TreeMap<>();
            labels.put("service.name", row.getString("service"));
            if (rule.operation() != null) {
                labels.put("operation", row.getString("operation"));
            }
            series.computeIfAbsent(labels, key -> new ArrayList<>()).add(new SeriesSample.Point(Instant.ofEpochMilli(row.getLong("bucket_ms")),
                    measure(rule.measure(), row, step)));
        }
        return series.entrySet().stream().map(entry -> new SeriesSample(entry.getKey(), entry.getValue())).toList();
    }

    private static double measure(TraceRuleQuery.Measure measure, GenericRecord row, Duration step) {
        long requests = row.getLong("requests");
        List<?> latency = row.getList("latency");
        return switch (measure) {
            case ERROR_RATE -> requests == 0 ? 0 : (double) row.getLong("errors") / requests;
            case REQUEST_RATE -> (double) requests / step.toSeconds();
            case P50 -> millis(latency.get(0));
            case P95 -> millis(latency.get(1));
            case P99 -> millis(latency.get(2));
            case P90 -> millis(latency.get(3));
        };
    }

    private static double millis(Object nanos) {
        return ((Number) nanos).doubleValue() / 1_000_000.0;
    }
}
