package io.telemetryflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does the time of a refused sign-in tell whether the email has an account? Creates {@code --users}
 * active users through the IAM API (signed in as {@code --admin-email}), then, interleaved, times
 * {@code --rounds} wrong-password sign-ins for each of them and as many for unknown emails (fewer
 * rounds than the lockout threshold, so every answer is a full 401), prints medians and p90 of both
 * and their ratio, and deletes the users again. Only talks to 127.0.0.1. Start the server with a
 * per-address sign-in limit above the number of attempts:
 * TELEMETRYFLOW_AUTH_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=100000 ./telemetryflow up
 */
public final class LoginTiming {

    private static final Pattern STRING_FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;

    private LoginTiming(int port) {
        this.api = "http://127.0.0.1:" + port + "/api/v2";
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        int users = 20;
        int rounds = 4;
        String adminEmail = "admin.telemetryflow@telemetryflow.id";
        String adminPassword = "Admin@123456";
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--admin-email" -> adminEmail = args[i + 1];
                case "--admin-password" -> adminPassword = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new LoginTiming(port).run(users, rounds, adminEmail, adminPassword);
    }

    private void run(int users, int rounds, String adminEmail, String adminPassword) throws Exception {
        String admin = field(expect(200, login(adminEmail, adminPassword)), "accessToken");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> known = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String email = "timing-" + run + "-" + i + "@example.com";
            String body = "{\"email\":\"" + email + "\",\"firstName\":\"Timing\",\"lastName\":\"User\",\"password\":\"Timing-Passw0rd-" + run + "!\"}";
            String id = field(expect(201, send("POST", "/iam/users", admin, body)), "id");
            expect(200, send("POST", "/iam/users/" + id + "/activate", admin, null));
            known.add(email);
            ids.add(id);
        }
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownEmail = new ArrayList<>();
        try {
            // one unmeasured round per kind warms the code paths up
            timed(known.get(0), "warm-up", 401);
            timed("warm-up-" + run + "@example.com", "warm-up", 401);
            for (int round = 1; round < rounds; round++) {
                for (int i = 0; i < users; i++) {
                    wrongPassword.add(timed(known.get(i), "wrong-" + round, 401));
                    unknownEmail.add(timed("nobody-" + run + "-" + i + "@example.com", "wrong-" + round, 401));
                }
            }
        } finally {
            for (String id : ids) {
                send("DELETE", "/iam/users/" + id, admin, null);
            }
        }
        double known50 = percentile(wrongPassword, 50);
        double unknown50 = percentile(unknownEmail, 50);
        System.out.printf("RESULT samples=%d wrong_password_p50_ms=%.1f wrong_password_p90_ms=%.1f unknown_email_p50_ms=%.1f"
                        + " unknown_email_p90_ms=%.1f unknown_over_known_p50=%.3f%n", wrongPassword.size(), known50,
                percentile(wrongPassword, 90), unknown50, percentile(unknownEmail, 90), unknown50 / known50);
    }

    /** Milliseconds one refused sign-in took, checking its status. */
    private long timed(String email, String password, int status) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = login(email, password);
        long micros = (System.nanoTime() - start) / 1_000;
        expect(status, response);
        return micros;
    }

    private HttpResponse<String> login(String email, String password) throws IOException, InterruptedException {
        return send("POST", "/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private HttpResponse<String> send(String method, String path, String bearer, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + " from " + response.uri() + ", got " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(STRING_FIELD.pattern(), Pattern.quote(name))).matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    /** In milliseconds, from samples in microseconds. */
    private static double percentile(List<Long> micros, int percent) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
