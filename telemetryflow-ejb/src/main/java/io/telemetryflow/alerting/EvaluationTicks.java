package io.telemetryflow.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * When a rule is evaluated: at the instants {@code k × interval + offset} (whole seconds since the epoch), where the
 * offset comes from the rule's id and is the same on every node, so that a thousand rules of one interval spread over
 * it instead of all running in the same second.
 */
final class EvaluationTicks {

    private EvaluationTicks() {
    }

    /** The rule's offset within its interval, in whole seconds. */
    static long offsetSeconds(UUID ruleId, Duration interval) {
        long seconds = Math.max(1, interval.toSeconds());
        long mixed = ruleId.getMostSignificantBits() * 31 + ruleId.getLeastSignificantBits();
        return Math.floorMod(mixed ^ (mixed >>> 29), seconds);
    }

    /** The latest tick at or before {@code at}. */
    static Instant latestAtOrBefore(UUID ruleId, Duration interval, Instant at) {
        long seconds = Math.max(1, interval.toSeconds());
        long offset = offsetSeconds(ruleId, interval);
        long k = Math.floorDiv(at.getEpochSecond() - offset, seconds);
        return Instant.ofEpochSecond(k * seconds + offset);
    }

    /** The first tick after {@code at}. */
    static Instant nextAfter(UUID ruleId, Duration interval, Instant at) {
        return latestAtOrBefore(ruleId, interval, at).plusSeconds(Math.max(1, interval.toSeconds()));
    }
}
