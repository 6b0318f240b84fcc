package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.Await;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.ExtraServer;
import io.telemetryflow.testsupport.ServerBacklog;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own scheduler and its own broker, evaluate every rule once per tick between them: over a
 * stretch of ticks each rule's evaluation count grows by the number of ticks it passed (none skipped, none twice), both
 * nodes claim ticks, and the messages both brokers received are the evaluations (no tick sent by both).
 */
class AlertClusterIT extends DeployedEar {

    private static final int OFFSET = 900;
    private static final int RULES = 6;

    @Test
    void twoNodesEvaluateEachRuleOncePerTick() throws Exception {
        String admin = DemoUser.ADMINISTRATOR.login();
        List<String> rules = new ArrayList<>();
        try (ExtraServer second = new ExtraServer(OFFSET, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5809",
                "TELEMETRYFLOW_HAZELCAST_MEMBERS", "127.0.0.1:5801",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-test",
                "TELEMETRYFLOW_ALERTING_MIN_INTERVAL", "PT1S"))) {
            second.start();
            String metric = "alert_cluster_it." + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < RULES; i++) {
                HttpResponse<String> created = call("POST", "/alerts/rules", admin, object().add("name", "cluster " + i + " " + metric)
                        .add("kind", "metric").add("query", object().add("metric", metric))
                        .add("condition", object().add("operator", "gt").add("threshold", 1).add("window", "2s"))
                        .add("interval", "1s").add("noData", "normal").build().toString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                rules.add(json(created.body()).getString("id"));
            }
            Await.until("every rule evaluated", Duration.ofSeconds(30), () -> evaluations(rules),
                    counts -> counts.values().stream().allMatch(count -> count.evaluations() > 2));

            try (ModelControllerClient first = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 9990 + 100);
                 ModelControllerClient other = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 9990 + OFFSET)) {
                // duplicate detection: the broker keeps the last id-cache-size ids per address, across restarts
                ModelNode broker = Operations.createAddress("subsystem", "messaging-activemq", "server", "default");
                assertThat(attribute(first, broker, "id-cache-size").asInt()).as("ids kept: minutes of 1,000 rules a minute")
                        .isGreaterThanOrEqualTo(10_000);
                assertThat(attribute(first, broker, "persist-id-cache").asBoolean()).isTrue();
                long firstSent = sent(first);
                long otherSent = sent(other);
                Map<String, Count> before = evaluations(rules);
                Thread.sleep(20_000);
                Map<String, Count> after = evaluations(rules);
                long firstDelta = sent(first) - firstSent;
                long otherDelta = sent(other) - otherSent;

                long evaluated = 0;
                for (String rule : rules) {
                    long ticks = Duration.between(before.get(rule).lastTick(), after.get(rule).lastTick()).toSeconds();
                    long delta = after.get(rule).evaluations() - before.get(rule).evaluations();
                    assertThat(ticks).as("rule " + rule + " kept up over 20 s").isBetween(17L, 23L);
                    // Never more than one evaluation per tick (a tick evaluated on both nodes would push delta past ticks). At
                    // 1-second ticks a node starved for CPU (the whole suite shares 2 cores) can deliver a rule's tick after its
                    // next one, which the evaluator then refuses, because an instance's state only moves forward in time: one
                    // such miss is tolerated, more fail.
                    assertThat(delta).as("rule " + rule + ": one evaluation per tick passed").isBetween(ticks - 1, ticks);
                    evaluated += delta;
                }
                assertThat(firstDelta).as("the first node's scheduler claimed ticks").isPositive();
                assertThat(otherDelta).as("the second node's scheduler claimed ticks").isPositive();
                // a message counted at one snapshot may be evaluated only after the other (at most one per rule at each end);
                // a tick sent by both nodes would double the sum
                assertThat(firstDelta + otherDelta).as("messages sent on both brokers vs evaluations")
                        .isBetween(evaluated - 2L * RULES, evaluated + 2L * RULES);
            }
        } finally {
            for (String rule : rules) {
                call("DELETE", "/alerts/rules/" + rule, admin, null);
            }
        }
    }

    private record Count(long evaluations, Instant lastTick) {
    }

    private static Map<String, Count> evaluations(List<String> rules) throws Exception {
        Map<String, Count> counts = new HashMap<>();
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement read = db.prepareStatement("SELECT evaluations, last_tick FROM alert_rules WHERE id = ?::uuid")) {
            for (String rule : rules) {
                read.setString(1, rule);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    java.sql.Timestamp tick = row.getTimestamp(2);
                    counts.put(rule, new Count(row.getLong(1), tick == null ? Instant.EPOCH : tick.toInstant()));
                }
            }
        }
        return counts;
    }

    private static ModelNode attribute(ModelControllerClient node, ModelNode address, String name) throws Exception {
        ModelNode result = node.execute(Operations.createReadAttributeOperation(address, name));
        assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
        return Operations.readResult(result);
    }

    /** Messages the node's broker has taken on alert-evaluation since it started. */
    private static long sent(ModelControllerClient node) {
        return new ServerBacklog(node).queueAttribute("alert-evaluation", "messages-added").asLong();
    }
}
