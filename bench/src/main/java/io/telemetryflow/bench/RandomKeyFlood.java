package io.telemetryflow.bench;

import io.telemetryflow.apikey.ApiKeyId;
import io.telemetryflow.apikey.ApiKeySecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Is work before authentication bounded? Sends {@code --requests} empty OTLP trace exports, each with a distinct random
 * {@code X-API-Key-ID} (or, with {@code --attack secrets}, the legitimate key id and a distinct random secret, so every
 * one would cost an Argon2id check), from {@code --clients} threads, while one legitimate client keeps sending with a
 * real key every {@code --legit-interval-ms}. Prints one {@code RESULT} line: the status counts of both, the
 * legitimate client's successes and its latency. Only talks to 127.0.0.1.
 *
 * <p>Client addresses: without further options every request comes from 127.0.0.1, so attacker and legitimate client
 * share one address and one budget of failed authentications. Started with {@code TELEMETRYFLOW_HTTP_TRUSTED_PROXIES=127.0.0.1},
 * the server believes {@code X-Forwarded-For}, and {@code --forwarded-for true} gives the legitimate client an address of
 * its own and spreads the attack over {@code --attacker-addresses} addresses (1 by default).
 *
 * <p>Options: {@code --requests 100000 --clients 8 --attack ids|secrets --legit-interval-ms 100 --forwarded-for false
 * --attacker-addresses 1 --otlp http://127.0.0.1:4318 --credentials ~/.telemetryflow/credentials.json
 * [--key-id ID --key-secret SECRET]}.
 */
public final class RandomKeyFlood {

    private static final String LEGITIMATE_ADDRESS = "203.0.113.10";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final URI traces;
    private final boolean forwardedFor;
    private final String keyId;
    private final String keySecret;

    private RandomKeyFlood(Map<String, String> options) throws Exception {
        traces = URI.create(IngestLoad.requireLoopback(options.getOrDefault("otlp", "http://127.0.0.1:4318")) + "/v1/traces");
        forwardedFor = Boolean.parseBoolean(options.getOrDefault("forwarded-for", "false"));
        String id = options.get("key-id");
        String secret = options.get("key-secret");
        if (id == null || secret == null) {
            String credentials = Files.readString(Path.of(options.getOrDefault("credentials",
                    System.getProperty("user.home") + "/.telemetryflow/credentials.json")));
            id = IngestLoad.jsonField(credentials, "apiKeyId");
            secret = IngestLoad.jsonField(credentials, "apiKeySecret");
        }
        keyId = id;
        keySecret = secret;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int requests = Integer.parseInt(options.getOrDefault("requests", "100000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        boolean randomSecrets = options.getOrDefault("attack", "ids").equals("secrets");
        long legitIntervalMillis = Long.parseLong(options.getOrDefault("legit-interval-ms", "100"));
        int attackerAddresses = Integer.parseInt(options.getOrDefault("attacker-addresses", "1"));
        new RandomKeyFlood(options).run(requests, clients, randomSecrets, legitIntervalMillis, attackerAddresses);
    }

    private void run(int requests, int clients, boolean randomSecrets, long legitIntervalMillis, int attackerAddresses)
            throws Exception {
        Map<String, LongAdder> attackStatuses = new ConcurrentHashMap<>();
        Map<String, LongAdder> legitStatuses = new ConcurrentHashMap<>();
        List<Long> legitMicros = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();

        Thread legitimate = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long sent = System.nanoTime();
                count(legitStatuses, send(keyId, keySecret, LEGITIMATE_ADDRESS));
                legitMicros.add((System.nanoTime() - sent) / 1_000);
                try {
                    Thread.sleep(legitIntervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "legitimate-client");
        legitimate.start();

        ExecutorService attackers = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            attackers.execute(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    String id = randomSecrets ? keyId : ApiKeyId.generate(random).value();
                    String address = "198.51.100." + (1 + i % Math.max(1, Math.min(attackerAddresses, 254)));
                    count(attackStatuses, send(id, ApiKeySecret.generate(random).reveal(), address));
                }
            });
        }
        attackers.shutdown();
        attackers.awaitTermination(6, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        legitimate.interrupt();
        legitimate.join();

        List<Long> sorted = new ArrayList<>(legitMicros);
        Collections.sort(sorted);
        StringBuilder line = new StringBuilder("RESULT");
        line.append(" attack=").append(randomSecrets ? "secrets" : "ids").append(" requests=").append(requests)
                .append(" clients=").append(clients).append(" forwarded_for=").append(forwardedFor)
                .append(" attacker_addresses=").append(forwardedFor ? attackerAddresses : 1)
                .append(" seconds=").append(String.format("%.1f", seconds))
                .append(" attack_per_s=").append(Math.round(requests / seconds));
        new TreeMap<>(attackStatuses).forEach((status, n) -> line.append(" attack_").append(status).append('=').append(n.sum()));
        line.append(" legit_requests=").append(sorted.size())
                .append(" legit_ok=").append(legitStatuses.getOrDefault("200", new LongAdder()).sum());
        new TreeMap<>(legitStatuses).forEach((status, n) -> line.append(" legit_").append(status).append('=').append(n.sum()));
        line.append(" legit_p50_ms=").append(String.format("%.1f", percentile(sorted, 0.50) / 1000.0))
                .append(" legit_p99_ms=").append(String.format("%.1f", percentile(sorted, 0.99) / 1000.0))
                .append(" legit_max_ms=").append(String.format("%.1f", percentile(sorted, 1.0) / 1000.0));
        System.out.println(line);
    }

    /** The status as text, or the exception's class name when there was no answer. */
    private String send(String id, String secret, String address) {
        HttpRequest.Builder request = HttpRequest.newBuilder(traces).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-protobuf")
                .header("X-API-Key-ID", id).header("X-API-Key-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]));
        if (forwardedFor) {
            request.header("X-Forwarded-For", address);
        }
        try {
            return String.valueOf(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void count(Map<String, LongAdder> statuses, String status) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
