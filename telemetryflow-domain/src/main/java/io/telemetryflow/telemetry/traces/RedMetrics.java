package io.telemetryflow.telemetry.traces;

import java.util.List;

/**
 * Rate, errors and duration of entry spans per service (or per operation of one service), over a range. Entry spans
 * are SERVER and CONSUMER spans (work a service receives) and root spans of any kind (work that starts in the
 * service, e.g. a scheduled job); INTERNAL, CLIENT and PRODUCER spans below them are parts of that work, counting them
 * would count one request several times. {@code rate} is requests per second over the whole range; with a step,
 * {@code series} holds chart points {@code [epochMillis, value]} per step (requests/s and errors per step for every
 * step, percentiles only for steps with requests). {@code truncated}: more groups than the limit; the busiest are kept.
 */
public record RedMetrics(String from, String to, String service, Long stepSeconds, List<Item> items, boolean truncated) {

    public record Item(String service, String operation, long requests, double rate, long errors, double errorRate,
                       Percentiles durationNanos, Series series) {
    }

    public record Series(List<List<Number>> rate, List<List<Number>> errors, List<List<Number>> p50, List<List<Number>> p95,
                         List<List<Number>> p99) {
    }
}
