package io.telemetryflow.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The read-contention benchmark (docs/benchmarks.md, "Read contention"): does a tenant scanning days slow another
 * tenant's look at the last hour? In each round, first the quiet tenant's 1-hour log searches alone ({@code idle}),
 * then the same while {@code --callers} threads of the noisy tenant's users send 7-day log searches with a regular
 * expression that differs every time (so the cache cannot answer) as fast as they are answered ({@code loaded}). A
 * noisy thread that gets a 429 waits its Retry-After, as a client should. Every quiet search asks for a range not asked
 * before (X-Cache must say MISS). Prints, per round and phase, the quiet searches' p50/p95 and the ratio of loaded to
 * idle p95, and the noisy threads' answers (200, 429, other). Only talks to 127.0.0.1.
 * <p>
 * Options: {@code --quiet-tenant UUID --noisy-tenant UUID} (required) {@code --quiet-user email:password}
 * {@code --noisy-users email:password,...} (the noisy threads are spread over them) {@code --callers 16 --rounds 3
 * --requests 40 --warmup 10 --quiet-hours 24 --api http://127.0.0.1:8080/api/v2}.
 */
public final class ReadContention {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String api;
    private final String quietTenant;
    private final String noisyTenant;
    private final String[] quietUser;
    private final List<String[]> noisyUsers = new ArrayList<>();
    private final int callers;
    private final int rounds;
    private final int requests;
    private final int warmup;
    private final long quietHoursMillis;
    private final Random random = new Random();

    private ReadContention(Map<String, String> options) {
        api = ReadLoad.requireLoopback(options.getOrDefault("api", "http://127.0.0.1:8080/api/v2"));
        quietTenant = uuid(options, "quiet-tenant");
        noisyTenant = uuid(options, "noisy-tenant");
        quietUser = user(options.getOrDefault("quiet-user", "viewer.telemetryflow@telemetryflow.id:Viewer@123456"));
        for (String user : options.getOrDefault("noisy-users", "admin.telemetryflow@telemetryflow.id:Admin@123456,"
                + "developer.telemetryflow@telemetryflow.id:Developer@123456,demo.telemetryflow@telemetryflow.id:Demo@123456,"
                + "super.administrator@telemetryflow.id:SuperAdmin@123456").split(",")) {
            noisyUsers.add(user(user));
        }
        callers = bounded(options, "callers", 16, 1, 64);
        rounds = bounded(options, "rounds", 3, 1, 10);
        requests = bounded(options, "requests", 40, 5, 500);
        warmup = bounded(options, "warmup", 10, 0, 100);
        quietHoursMillis = Duration.ofHours(bounded(options, "quiet-hours", 24, 2, 24 * 7)).toMillis();
    }

    public static void main(String[] args) throws Exception {
        new ReadContention(Options.parse(args)).run();
    }

    private void run() throws Exception {
        String quietToken = login(quietUser);
        List<String> noisyTokens = new ArrayList<>();
        for (String[] user : noisyUsers) {
            noisyTokens.add(login(user));
        }
        System.out.printf("quiet tenant %s (1-hour log searches), noisy tenant %s (%d callers over %d users, 7-day regex searches)%n",
                quietTenant, noisyTenant, callers, noisyUsers.size());
        for (int i = 0; i < warmup; i++) {
            quietSearch(quietToken);
        }
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<Long> idle = measure(quietToken);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ok = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong other = new AtomicLong();
            List<Thread> noisy = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String token = noisyTokens.get(c % noisyTokens.size());
                Thread thread = new Thread(() -> scanUntil(stop, token, ok, refused, other), "noisy-" + c);
                thread.start();
                noisy.add(thread);
            }
            Thread.sleep(3_000);   // every noisy caller has a scan under way
            List<Long> loaded = measure(quietToken);
            stop.set(true);
            for (Thread thread : noisy) {
                thread.join(TIMEOUT.toMillis() + 5_000);
            }
            double ratio = percentile(loaded, 0.95) / percentile(idle, 0.95);
            ratios.add(ratio);
            System.out.printf("round %d: idle p50 %.1f p95 %.1f ms | loaded p50 %.1f p95 %.1f ms | p95 ratio %.2f | noisy: %d × 200, "
                    + "%d × 429, %d other%n", round, percentile(idle, 0.5), percentile(idle, 0.95), percentile(loaded, 0.5),
                    percentile(loaded, 0.95), ratio, ok.get(), refused.get(), other.get());
        }
        Collections.sort(ratios);
        System.out.printf("RESULT median p95 ratio (loaded / idle) over %d rounds: %.2f%n", rounds, ratios.get(ratios.size() / 2));
    }

    /** {@code requests} quiet searches, one at a time; their latencies in nanoseconds. */
    private List<Long> measure(String token) throws IOException {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            nanos.add(quietSearch(token));
        }
        return nanos;
    }

    private long quietSearch(String token) throws IOException {
        long end = System.currentTimeMillis() - (long) (random.nextDouble() * (quietHoursMillis - 3_600_000L));
        String body = "{\"tenantId\":" + ReadLoad.json(quietTenant) + ",\"from\":" + ReadLoad.json(Instant.ofEpochMilli(end - 3_600_000L)
                .toString()) + ",\"to\":" + ReadLoad.json(Instant.ofEpochMilli(end).toString())
                + ",\"severity\":\"WARN\",\"limit\":100}";
        long start = System.nanoTime();
        ReadLoad.Exchange answer = ReadLoad.exchange("POST", URI.create(api + "/telemetry/logs/search"), body, token, TIMEOUT);
        long nanos = System.nanoTime() - start;
        if (answer.status() != 200 || !"MISS".equals(answer.cache())) {
            throw new IllegalStateException("quiet search: HTTP " + answer.status() + " X-Cache " + answer.cache() + ": " + answer.body());
        }
        return nanos;
    }

    /** 7-day searches with a fresh regular expression on an attribute each time, until {@code stop}. */
    private void scanUntil(AtomicBoolean stop, String token, AtomicLong ok, AtomicLong refused, AtomicLong other) {
        while (!stop.get()) {
            String pattern = "^http-nio-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-exec-.*";
            String body = "{\"tenantId\":" + ReadLoad.json(noisyTenant) + ",\"from\":\"now-7d\",\"to\":\"now\",\"filters\":[{\"key\":"
                    + "\"thread.name\",\"op\":\"regex\",\"value\":" + ReadLoad.json(pattern) + "}],\"limit\":100}";
            try {
                ReadLoad.Exchange answer = ReadLoad.exchange("POST", URI.create(api + "/telemetry/logs/search"), body, token, TIMEOUT);
                if (answer.status() == 200) {
                    ok.incrementAndGet();
                } else if (answer.status() == 429) {
                    refused.incrementAndGet();
                    Thread.sleep(1_000);   // Retry-After: 1
                } else {
                    other.incrementAndGet();
                    if (other.get() == 1) {
                        System.err.println("noisy search: HTTP " + answer.status() + ": " + answer.body());
                    }
                }
            } catch (IOException e) {
                other.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String login(String[] user) throws IOException {
        ReadLoad.Exchange answer = ReadLoad.exchange("POST", URI.create(api + "/auth/login"), "{\"email\":" + ReadLoad.json(user[0])
                + ",\"password\":" + ReadLoad.json(user[1]) + "}", null, TIMEOUT);
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in as " + user[0] + ": HTTP " + answer.status() + " " + answer.body());
        }
        return ReadLoad.jsonField(answer.body(), "accessToken");
    }

    private static double percentile(List<Long> nanos, double p) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static String uuid(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || !value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("--" + name + " <uuid> is required");
        }
        return value;
    }

    private static String[] user(String value) {
        int colon = value.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a user is email:password, not " + value);
        }
        return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }

    private static int bounded(Map<String, String> options, String name, int fallback, int min, int max) {
        int value = Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
        }
        return value;
    }
}
