package io.telemetryflow.alerting;

import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default rule templates (33: hosts, Kubernetes, databases, caches, load balancers), written against
 * OpenTelemetry semantic-convention metric names as the Collector's hostmetrics, k8s cluster, kubeletstats and redis
 * receivers and the HTTP/database client instrumentations report them. Each is a plain {@link AlertRuleSpec} (so an
 * import goes through the same checks as a rule typed in) labelled with its {@code template} id and {@code category}.
 * Thresholds are common starting points, meant to be tuned.
 */
public final class RuleTemplates {

    public static final List<String> CATEGORIES = List.of("host", "kubernetes", "database", "cache", "load_balancer");

    private static final List<RuleTemplate> ALL = List.of(
            // hosts (hostmetrics receiver)
            template("host-cpu-saturated", "host", "CPU saturated")
                    .metric("system.cpu.utilization", "avg", "host.name").filter("state", "eq", "idle")
                    .when("lt", 0.1).recoverAt(0.2).pendingFor("5m").severity("high")
                    .describe("CPU idle time below 10%", "The average idle share of all CPUs of the host stayed below 10% for 5 minutes."),
            template("host-memory-high", "host", "Memory usage high")
                    .metric("system.memory.utilization", "avg", "host.name").filter("state", "eq", "used")
                    .when("gt", 0.9).recoverAt(0.85).pendingFor("5m").severity("high")
                    .describe("Memory usage above 90%", "More than 90% of the host's memory is in use."),
            template("host-swap-high", "host", "Swap usage high")
                    .metric("system.paging.utilization", "avg", "host.name").filter("state", "eq", "used")
                    .when("gt", 0.8).recoverAt(0.7).pendingFor("10m").severity("medium")
                    .describe("Swap usage above 80%", "The host is swapping heavily; memory is short."),
            template("host-disk-space-low", "host", "Disk space low")
                    .metric("system.filesystem.utilization", "max", "host.name", "system.device", "system.filesystem.mountpoint")
                    .when("gt", 0.85).recoverAt(0.8).window("10m").pendingFor("10m").severity("medium")
                    .describe("Filesystem more than 85% full", "A filesystem of the host is more than 85% full."),
            template("host-disk-space-critical", "host", "Disk almost full")
                    .metric("system.filesystem.utilization", "max", "host.name", "system.device", "system.filesystem.mountpoint")
                    .when("gt", 0.95).recoverAt(0.9).pendingFor("5m").severity("critical")
                    .describe("Filesystem more than 95% full", "A filesystem of the host is nearly full; writes will fail soon."),
            template("host-disk-busy", "host", "Disk busy")
                    .metric("system.disk.io_time", "rate", "host.name", "system.device")
                    .when("gt", 0.9).recoverAt(0.8).window("10m").pendingFor("10m").severity("medium")
                    .describe("Disk busy more than 90% of the time", "The disk spent more than 90% of the time serving I/O."),
            template("host-network-errors", "host", "Network errors")
                    .metric("system.network.errors", "increase", "host.name", "system.device").reduce("total")
                    .when("gt", 10).pendingFor("5m").severity("medium")
                    .describe("Network interface errors", "A network interface reported more than 10 errors in 5 minutes."),
            template("host-metrics-missing", "host", "Host stopped reporting")
                    .absentMetric("system.cpu.time").pendingFor("5m").severity("critical")
                    .describe("No host metrics", "No CPU metrics arrived for 5 minutes: the host or its Collector may be down."),
            // Kubernetes (k8s cluster receiver, kubeletstats receiver)
            template("k8s-container-restarting", "kubernetes", "Container restarting (crash loop)")
                    .metric("k8s.container.restarts", "increase", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name")
                    .reduce("total").when("gt", 3).window("15m").severity("high")
                    .describe("Container restarted more than 3 times in 15 minutes", "The container keeps restarting (crash loop or OOMKilled)."),
            template("k8s-pod-failed", "kubernetes", "Pod failed")
                    .metric("k8s.pod.phase", "max", "k8s.namespace.name", "k8s.pod.name").reduce("last")
                    .when("eq", 4).severity("high")
                    .describe("Pod in phase Failed", "The pod's phase is Failed (k8s.pod.phase 4)."),
            template("k8s-pod-pending", "kubernetes", "Pod stuck pending")
                    .metric("k8s.pod.phase", "max", "k8s.namespace.name", "k8s.pod.name").reduce("always")
                    .when("eq", 1).window("15m").severity("medium")
                    .describe("Pod pending for 15 minutes", "The pod could not be scheduled or started for 15 minutes (k8s.pod.phase 1)."),
            template("k8s-container-memory-near-limit", "kubernetes", "Container memory near its limit")
                    .metric("k8s.container.memory_limit_utilization", "max", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name")
                    .when("gt", 0.9).recoverAt(0.8).pendingFor("5m").severity("high")
                    .describe("Container memory above 90% of its limit", "The container will be OOMKilled when it reaches its memory limit."),
            template("k8s-container-cpu-near-limit", "kubernetes", "Container CPU near its limit")
                    .metric("k8s.container.cpu_limit_utilization", "avg", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name")
                    .when("gt", 0.9).recoverAt(0.8).window("10m").pendingFor("10m").severity("medium")
                    .describe("Container CPU above 90% of its limit", "The container is being throttled at its CPU limit."),
            template("k8s-node-not-ready", "kubernetes", "Node not ready")
                    .metric("k8s.node.condition_ready", "min", "k8s.node.name").reduce("last")
                    .when("lt", 1).pendingFor("5m").severity("critical")
                    .describe("Kubernetes node not ready", "The node's Ready condition has not been true for 5 minutes."),
            template("k8s-deployment-unavailable", "kubernetes", "Deployment has no available replica")
                    .metric("k8s.deployment.available", "min", "k8s.namespace.name", "k8s.deployment.name").reduce("last")
                    .when("lt", 1).pendingFor("5m").severity("critical")
                    .describe("No available replica", "The deployment has had no available replica for 5 minutes."),
            template("k8s-job-failed", "kubernetes", "Job failed")
                    .metric("k8s.job.failed_pods", "max", "k8s.namespace.name", "k8s.job.name").reduce("last")
                    .when("gt", 0).severity("medium")
                    .describe("Job has failed pods", "A pod of the job failed."),
            // databases (database client semantic conventions)
            template("db-connection-requests-waiting", "database", "Requests waiting for a database connection")
                    .metric("db.client.connection.pending_requests", "max", "db.client.connection.pool.name")
                    .when("gt", 0).pendingFor("5m").severity("high")
                    .describe("Connection pool exhausted", "Requests have been waiting for a free connection for 5 minutes."),
            template("db-connection-pool-no-idle", "database", "No idle connection left in the pool")
                    .metric("db.client.connection.count", "min", "db.client.connection.pool.name")
                    .filter("db.client.connection.state", "eq", "idle").reduce("always")
                    .when("lt", 1).pendingFor("5m").severity("medium")
                    .describe("Connection pool fully used", "The pool had no idle connection for 5 minutes."),
            template("db-connection-timeouts", "database", "Database connection timeouts")
                    .metric("db.client.connection.timeouts", "increase", "db.client.connection.pool.name").reduce("total")
                    .when("gt", 0).severity("high")
                    .describe("Timeouts getting a connection", "Requests timed out waiting for a connection from the pool."),
            template("db-connection-wait-slow", "database", "Slow to get a database connection")
                    .metric("db.client.connection.wait_time", "p95", "db.client.connection.pool.name")
                    .when("gt", 0.5).recoverAt(0.25).pendingFor("5m").severity("medium")
                    .describe("p95 connection wait above 500 ms", "Getting a connection from the pool takes more than 500 ms at p95."),
            template("db-slow-operations", "database", "Slow database operations")
                    .metric("db.client.operation.duration", "p95", "db.system.name", "db.namespace")
                    .when("gt", 1).recoverAt(0.5).window("10m").pendingFor("10m").severity("medium")
                    .describe("p95 database operation above 1 s", "Database operations take more than a second at p95 (slow queries)."),
            template("db-deadlocks", "database", "Database deadlocks logged")
                    .logs("deadlock", "ERROR", "service.name").when("gt", 0).severity("high")
                    .describe("Deadlocks in the logs", "Error logs mention a deadlock."),
            // caches (Collector redis receiver)
            template("redis-evictions", "cache", "Redis evicting keys")
                    .metric("redis.keys.evicted", "increase", "server.address").reduce("total")
                    .when("gt", 100).severity("medium")
                    .describe("More than 100 keys evicted in 5 minutes", "Redis is evicting keys: maxmemory is reached."),
            template("redis-memory-fragmentation", "cache", "Redis memory fragmentation")
                    .metric("redis.memory.fragmentation_ratio", "avg", "server.address")
                    .when("gt", 1.5).recoverAt(1.3).window("15m").pendingFor("15m").severity("low")
                    .describe("Fragmentation ratio above 1.5", "Redis uses far more memory than its data needs."),
            template("redis-rejected-connections", "cache", "Redis rejecting connections")
                    .metric("redis.connections.rejected", "increase", "server.address").reduce("total")
                    .when("gt", 0).severity("high")
                    .describe("Connections rejected", "Redis rejected connections (maxclients reached)."),
            template("redis-blocked-clients", "cache", "Redis clients blocked")
                    .metric("redis.clients.blocked", "max", "server.address")
                    .when("gt", 10).pendingFor("5m").severity("medium")
                    .describe("More than 10 blocked clients", "Clients are blocked on blocking commands for 5 minutes."),
            template("redis-too-many-clients", "cache", "Redis client connections high")
                    .metric("redis.clients.connected", "max", "server.address")
                    .when("gt", 5000).recoverAt(4000).pendingFor("5m").severity("medium")
                    .describe("More than 5000 clients connected", "Redis holds an unusually high number of client connections."),
            template("redis-down", "cache", "Redis stopped reporting")
                    .absentMetric("redis.uptime").pendingFor("2m").severity("critical")
                    .describe("No Redis metrics", "No Redis uptime metric arrived: Redis or its receiver may be down."),
            // load balancers (HTTP server semantic conventions)
            template("lb-5xx-errors", "load_balancer", "HTTP 5xx responses")
                    .metric("http.server.request.duration", "count", "server.address")
                    .filter("http.response.status_code", "regex", "^5[0-9][0-9]$").reduce("total")
                    .when("gt", 50).pendingFor("2m").severity("high")
                    .describe("More than 50 server errors in 5 minutes", "Backends answer with 5xx status codes."),
            template("lb-4xx-spike", "load_balancer", "HTTP 4xx responses")
                    .metric("http.server.request.duration", "count", "server.address")
                    .filter("http.response.status_code", "regex", "^4[0-9][0-9]$").reduce("total")
                    .when("gt", 500).pendingFor("5m").severity("low")
                    .describe("More than 500 client errors in 5 minutes", "Clients receive many 4xx answers (bad links, auth failures, scans)."),
            template("lb-upstream-timeouts", "load_balancer", "Upstream timeouts")
                    .metric("http.server.request.duration", "count", "server.address")
                    .filter("error.type", "eq", "timeout").reduce("total")
                    .when("gt", 10).severity("high")
                    .describe("Requests timing out", "Requests end with error.type timeout: a backend is unhealthy or overloaded."),
            template("lb-latency-high", "load_balancer", "High latency")
                    .metric("http.server.request.duration", "p99", "server.address")
                    .when("gt", 2).recoverAt(1).pendingFor("5m").severity("medium")
                    .describe("p99 latency above 2 s", "The slowest 1% of requests take more than 2 seconds."),
            template("lb-no-traffic", "load_balancer", "No traffic")
                    .absentMetric("http.server.request.duration").window("10m").severity("high")
                    .describe("No requests for 10 minutes", "No HTTP request was served for 10 minutes: the targets may be unhealthy.")
    ).stream().map(Builder::build).toList();

    private RuleTemplates() {
    }

    public static List<RuleTemplate> all() {
        return ALL;
    }

    private static Builder template(String id, String category, String title) {
        return new Builder(id, category, title);
    }

    /** A readable way to write a template: the query, then the condition, then severity and texts. */
    private static final class Builder {

        private final String id;
        private final String category;
        private final String title;
        private String kind;
        private String signal;
        private String metric;
        private String aggregation;
        private String terms;
        private String minimumSeverity;
        private Object groupBy;
        private final List<MetricSeriesRequest.Filter> filters = new ArrayList<>();
        private String operator;
        private Double threshold;
        private Double recovery;
        private String reduce;
        private String window = "5m";
        private String pendingFor = "0s";
        private String severity;
        private Map<String, String> annotations;

        Builder(String id, String category, String title) {
            this.id = id;
            this.category = category;
            this.title = title;
        }

        Builder metric(String name, String how, String... keys) {
            kind = "metric";
            metric = name;
            aggregation = how;
            groupBy = List.of(keys);
            return this;
        }

        Builder logs(String text, String atLeast, String key) {
            kind = "logs";
            terms = text;
            minimumSeverity = atLeast;
            groupBy = key;
            return this;
        }

        Builder absentMetric(String name) {
            kind = "absence";
            signal = "metric";
            metric = name;
            return this;
        }

        Builder filter(String key, String op, String value) {
            filters.add(new MetricSeriesRequest.Filter(key, op, value, null));
            return this;
        }

        Builder when(String op, double value) {
            operator = op;
            threshold = value;
            return this;
        }

        Builder recoverAt(double value) {
            recovery = value;
            return this;
        }

        Builder reduce(String how) {
            reduce = how;
            return this;
        }

        Builder window(String duration) {
            window = duration;
            return this;
        }

        Builder pendingFor(String duration) {
            pendingFor = duration;
            return this;
        }

        Builder severity(String level) {
            severity = level;
            return this;
        }

        Builder describe(String summary, String description) {
            annotations = Map.of("summary", summary, "description", description);
            return this;
        }

        RuleTemplate build() {
            AlertRuleSpec.Query query = new AlertRuleSpec.Query(signal, metric, aggregation, null, null, null, terms, minimumSeverity,
                    List.copyOf(filters), groupBy);
            AlertRuleSpec.Condition condition = new AlertRuleSpec.Condition(operator, threshold, recovery, reduce, window, pendingFor, "0s", null);
            return new RuleTemplate(id, category, title, new AlertRuleSpec(title, kind, query, condition, "1m", "0s", null, null, null,
                    Map.of("template", id, "category", category), annotations, severity, true, null));
        }
    }
}
