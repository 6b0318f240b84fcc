package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.ClickHouseOutage;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TelemetryTenant;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every telemetry query endpoint shares, checked on all of them at once: a range longer than the configured
 * maximum is a 400 on {@code from} (never a cut answer), and while ClickHouse is down every endpoint answers 503
 * with Retry-After, never a 500 or an empty answer presented as complete; an end outside what the stores hold
 * (DateTime64(9), nanoseconds in a long: 1900 to 2262) is a 400 naming it, never a 500. Each request is new to the
 * cache (a fresh tenant, unique ranges), so it must reach ClickHouse.
 */
class TelemetryQueryRulesIT extends DeployedEar {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    private String admin;
    private TelemetryTenant tenant;

    @BeforeEach
    void ready() throws Exception {
        admin = DemoUser.ADMINISTRATOR.login();
        tenant = TelemetryTenant.create("rules");
    }

    /** One call of each query endpoint over [from, to): method, path (with query string) and JSON body or null. */
    private record Call(String method, String path, String body) {
    }

    private List<Call> everyEndpoint(String from, String to) {
        String t = tenant.tenantId();
        String range = "\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"tenantId\":\"" + t + "\"";
        String query = "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)
                + "&tenantId=" + t;
        return List.of(
                new Call("POST", "/telemetry/metrics/query", "{\"metric\":\"http.server.duration\"," + range + "}"),
                new Call("POST", "/telemetry/metrics/exemplars", "{\"metric\":\"http.server.duration\"," + range + "}"),
                new Call("POST", "/telemetry/logs/search", "{" + range + "}"),
                new Call("POST", "/telemetry/logs/histogram", "{" + range + "}"),
                new Call("POST", "/telemetry/logs/top-values", "{\"field\":\"service.name\"," + range + "}"),
                new Call("GET", "/telemetry/logs/by-trace/" + TRACE + "?" + query, null),
                new Call("POST", "/telemetry/traces/search", "{" + range + "}"),
                new Call("GET", "/telemetry/traces/service-map?" + query, null),
                new Call("GET", "/telemetry/traces/red?" + query, null));
    }

    @Test
    void aRangeLongerThanTheMaximumIsA400OnFromAtEveryEndpoint() throws Exception {
        Instant to = Instant.now();
        List<String> failures = new ArrayList<>();
        for (Call call : everyEndpoint(to.minus(Duration.ofDays(8)).toString(), to.toString())) {
            HttpResponse<String> answer = call(call.method(), call.path(), admin, call.body());
            if (answer.statusCode() != 400 || !"from".equals(IamCalls.problemField(answer))) {
                failures.add(call.method() + " " + call.path() + " -> " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anEndBeyondWhatTheStoresHoldIsA400NamingItAtEveryEndpoint() throws Exception {
        String[][] cases = {
                {"+1000000000-01-01T00:00:00Z", "+1000000000-01-01T01:00:00Z", "from"},
                {"now-1h", "+1000000000-01-01T00:00:00Z", "to"},
                {"now-1h", "-1000000000-01-01T00:00:00Z", "to"},
                {"2299-12-31T23:00:00Z", "2300-01-01T00:00:00Z", "from"},
                {"1850-01-01T00:00:00Z", "1850-01-01T01:00:00Z", "from"},
                {"999999990000000", "999999999999999", "from"},
                {"99999999999999999999", "now", "from"},
                {"now-999999d", "now-999998d", "from"},
                {"now-99999999999d", "now", "from"}};
        List<String> failures = new ArrayList<>();
        for (String[] range : cases) {
            for (Call call : everyEndpoint(range[0], range[1])) {
                HttpResponse<String> answer = call(call.method(), call.path(), admin, call.body());
                if (answer.statusCode() != 400 || !range[2].equals(IamCalls.problemField(answer))) {
                    failures.add(call.method() + " " + call.path() + " " + call.body() + " -> " + answer.statusCode() + " "
                            + answer.body());
                }
            }
        }
        // an epoch number sent as a JSON number rather than a string is refused too
        HttpResponse<String> number = call("POST", "/telemetry/logs/search", admin,
                "{\"from\":99999999999999999999,\"to\":\"now\",\"tenantId\":\"" + tenant.tenantId() + "\"}");
        assertThat(number.statusCode()).as(number.body()).isEqualTo(400);
        assertThat(failures).isEmpty();
    }

    @Test
    void whileClickHouseIsDownEveryEndpointAnswers503WithRetryAfter() throws Exception {
        Instant to = Instant.now().minusMillis(ThreadLocalRandom.current().nextInt(1, 100_000));
        List<Call> calls = new ArrayList<>(everyEndpoint(to.minus(Duration.ofMinutes(30)).toString(), to.toString()));
        calls.add(new Call("GET", "/telemetry/traces/" + TRACE + "?tenantId=" + tenant.tenantId(), null));
        calls.add(new Call("GET", "/telemetry/metrics/names?tenantId=" + tenant.tenantId(), null));
        calls.add(new Call("GET", "/telemetry/metrics/attributes/keys?metric=m&tenantId=" + tenant.tenantId(), null));
        calls.add(new Call("GET", "/telemetry/metrics/attributes/values?metric=m&key=k&tenantId=" + tenant.tenantId(), null));
        calls.add(new Call("GET", "/telemetry/services?tenantId=" + tenant.tenantId(), null));
        List<String> failures = new ArrayList<>();
        try (ClickHouseOutage outage = ClickHouseOutage.begin()) {
            for (Call call : calls) {
                HttpResponse<String> answer = call(call.method(), call.path(), admin, call.body());
                if (answer.statusCode() != 503 || answer.headers().firstValue("Retry-After").isEmpty()) {
                    failures.add(call.method() + " " + call.path() + " -> " + answer.statusCode() + " " + answer.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        // and once it is back, the same requests are answered
        HttpResponse<String> again = call("POST", "/telemetry/logs/search", admin, calls.get(2).body());
        assertThat(again.statusCode()).isEqualTo(200);
    }
}
